using ImAudit.Engine.Inventory;
using System.Text.Json;

namespace ImAudit.Engine.Tests.Inventory;

public class OrganizationJsonTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void Reads_describe_organization_as_the_aws_cli_prints_it()
    {
        var root = Json("""{"Organization":{"Id":"o-a1b2c3d4e5","Arn":"arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5","FeatureSet":"ALL","MasterAccountId":"111122223333"}}""");

        Assert.True(OrganizationJson.IsDescribeOrganization(root));
        Assert.False(OrganizationJson.IsListAccounts(root));
        var organization = OrganizationJson.ReadOrganization(root, Organization.Unknown);
        Assert.Equal(("o-a1b2c3d4e5", "111122223333"), (organization.Id, organization.ManagementAccountId));
        Assert.Null(organization.Members);
        Assert.Null(organization.IsActiveMember("444455556666"));
    }

    [Fact]
    public void Reads_list_accounts_pages_with_state_or_the_deprecated_status()
    {
        var root = Json("""
            [{"Accounts":[{"Id":"111122223333","Name":"central","State":"ACTIVE","Status":"ACTIVE"},{"Id":"444455556666","Name":"payments","Status":"SUSPENDED"}],"NextToken":"x"},
             {"Accounts":[{"Id":"777788889999","Name":"old","State":"PENDING_CLOSURE"},{"Id":"111122223333","Name":"again","State":"CLOSED"}]}]
            """);

        Assert.True(OrganizationJson.IsListAccounts(root));
        var organization = OrganizationJson.ReadAccounts(root, Organization.Unknown with { Id = "o-a1b2c3d4e5" });
        Assert.Equal(["111122223333", "444455556666", "777788889999"], organization.Members!.Value.Select(m => m.Id));
        Assert.Equal(["ACTIVE", "SUSPENDED", "PENDING_CLOSURE"], organization.Members!.Value.Select(m => m.State));
        Assert.True(organization.IsActiveMember("111122223333"));
        Assert.False(organization.IsActiveMember("444455556666"));
        Assert.False(organization.IsActiveMember("999999999999"));
        Assert.Equal("o-a1b2c3d4e5", organization.OrgIdOf("111122223333"));
        Assert.Null(organization.OrgIdOf("999999999999"));
    }

    [Theory]
    [InlineData("""{"schemaVersion":"1","accountId":"111122223333"}""")]
    [InlineData("""{"UserDetailList":[]}""")]
    [InlineData("""[]""")]
    public void Does_not_take_other_files_for_organization_data(string text)
    {
        var root = Json(text);

        Assert.False(OrganizationJson.IsDescribeOrganization(root));
        Assert.False(OrganizationJson.IsListAccounts(root));
    }
}
