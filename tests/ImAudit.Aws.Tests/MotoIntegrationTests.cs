using System.Text.Json;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using ImAudit.Aws.Collection;
using ImAudit.Aws.IdentityManagement;
using ImAudit.Aws.IdentityManagement.Model;
using ImAudit.Aws.SSMContacts;
using ImAudit.Aws.SSMIncidents;
using ImAudit.Aws.SSMIncidents.Model;
using ImAudit.Engine;
using ImAudit.Engine.Catalog;
using Moq;

namespace ImAudit.Aws.Tests;

/// <summary>The IAM and STS clients against moto_server, an AWS implementation nobody here wrote.</summary>
public sealed class MotoIntegrationTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Authorization_details_read_back_everything_boto3_created_with_documents_intact()
    {
        using var iam = new AmazonIdentityManagementServiceClient(moto.Settings());
        var pages = new List<GetAccountAuthorizationDetailsResponse>();
        string? marker = null;
        do
        {
            var page = await iam.GetAccountAuthorizationDetailsAsync(new GetAccountAuthorizationDetailsRequest { Marker = marker, MaxItems = 25 });
            pages.Add(page);
            marker = page.IsTruncated ? page.Marker : null;
        }
        while (marker is not null);
        var users = pages.SelectMany(p => p.UserDetailList).ToDictionary(u => u.Arn);
        var roles = pages.SelectMany(p => p.RoleDetailList).ToDictionary(r => r.Arn);
        var groups = pages.SelectMany(p => p.GroupDetailList).ToDictionary(g => g.Arn);
        var policies = pages.SelectMany(p => p.Policies).ToDictionary(p => p.Arn);

        Assert.Equal(60, users.Count);
        foreach (var expected in moto.Created.GetProperty("users").EnumerateArray())
        {
            var user = users[expected.GetProperty("arn").GetString()!];
            Assert.Equal(Strings(expected, "groups"), user.GroupList);
            Assert.Equal(Strings(expected, "attached"), user.AttachedManagedPolicies.Select(a => a.PolicyArn));
            Assert.Equal(expected.GetProperty("tags").GetProperty("team").GetString(), user.Tags.Single(t => t.Key == "team").Value);
            Assert.Equal(Documents(expected), user.UserPolicyList.ToDictionary(p => p.PolicyName, p => IamInventory.Decode(p.PolicyDocument)));
        }
        foreach (var expected in moto.Created.GetProperty("roles").EnumerateArray())
        {
            var role = roles[expected.GetProperty("arn").GetString()!];
            Assert.Equal(expected.GetProperty("trust").GetString(), IamInventory.Decode(role.AssumeRolePolicyDocument!));
            Assert.Equal(expected.GetProperty("boundary").GetString(), role.PermissionsBoundary?.PermissionsBoundaryArn);
            Assert.Equal(Documents(expected), role.RolePolicyList.ToDictionary(p => p.PolicyName, p => IamInventory.Decode(p.PolicyDocument)));
        }
        foreach (var expected in moto.Created.GetProperty("groups").EnumerateArray())
            Assert.Equal(Documents(expected), groups[expected.GetProperty("arn").GetString()!].GroupPolicyList.ToDictionary(p => p.PolicyName, p => IamInventory.Decode(p.PolicyDocument)));
        foreach (var expected in moto.Created.GetProperty("policies").EnumerateArray())
        {
            var policy = policies[expected.GetProperty("arn").GetString()!];
            Assert.Equal("v2", policy.DefaultVersionId);
            Assert.Equal(Strings(expected, "versions"), policy.PolicyVersionList.OrderBy(v => v.VersionId, StringComparer.Ordinal).Select(v => IamInventory.Decode(v.Document!)));
            Assert.True(policy.PolicyVersionList.Single(v => v.VersionId == "v2").IsDefaultVersion);
        }
    }

    [Fact]
    public async Task The_collector_over_moto_builds_an_inventory_the_engine_audits()
    {
        var incidents = new Mock<IAmazonSSMIncidents>();
        incidents.Setup(i => i.ListReplicationSetsAsync(It.IsAny<ListReplicationSetsRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(new ListReplicationSetsResponse());
        var real = AwsClientFactory.Create(moto.Settings());
        var clients = real with { IncidentsIn = _ => incidents.Object, ContactsIn = _ => Mock.Of<IAmazonSSMContacts>() };

        var inventory = await new AccountCollector(clients).CollectAsync(Now);
        var report = new PolicyEngine(IamCatalog.Default).Audit(inventory, Now);

        Assert.Equal("123456789012", inventory.AccountId);
        Assert.Empty(inventory.CollectionErrors);
        Assert.Equal((60, 40, 6), (inventory.Users.Length, inventory.Roles.Length, inventory.Groups.Length));
        // Response-plan reads on `*` are scopable to named resources (IMA304): `ssm-incidents:Get*` in the 15 customer
        // managed policies, `GetResponsePlan` in the inline policy of the 6 groups and 40 roles.
        Assert.Equal(15 + 6 + 40, report.Findings.Where(f => f.RuleId == "IMA304").Select(f => f.Resource).Distinct().Count());
        Assert.Equal(60 + 40, report.Principals.Length);
        Assert.Empty(report.RuleFailures);
    }

    [Fact]
    public async Task Sts_answers_through_the_official_client_with_the_endpoint_override()
    {
        var clients = AwsClientFactory.Create(moto.Settings());

        var identity = await clients.Sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal("123456789012", identity.Account);
    }

    [Fact]
    public async Task A_role_is_assumed_through_sts_and_its_session_is_what_the_clients_use()
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "test", ["AWS_SECRET_ACCESS_KEY"] = "test", ["AWS_REGION"] = "us-east-1", ["AWS_ENDPOINT_URL"] = moto.Url,
        };

        var clients = AwsClientFactory.FromEnvironment(environment, roleArn: "arn:aws:iam::123456789012:role/role-02", externalId: "audit-42");
        var identity = await clients.Sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.StartsWith("arn:aws:sts::123456789012:assumed-role/role-02/imaudit", identity.Arn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_error_response_is_read_with_its_code_and_status()
    {
        using var iam = new AmazonIdentityManagementServiceClient(moto.Settings());

        var error = await Assert.ThrowsAsync<AmazonServiceException>(() => iam.GetRoleAsync(new GetRoleRequest { RoleName = "no-such-role" }));
        var role = await iam.GetRoleAsync(new GetRoleRequest { RoleName = "role-05" });

        Assert.Equal("NoSuchEntity", error.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("no-such-role", error.Message, StringComparison.Ordinal);
        Assert.Equal("arn:aws:iam::123456789012:role/service/role-05", role.Role.Arn);
        Assert.Contains("ssm-incidents.amazonaws.com", IamInventory.Decode(role.Role.AssumeRolePolicyDocument!), StringComparison.Ordinal);
    }

    private static List<string> Strings(JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(x => x.GetString()!)];

    private static Dictionary<string, string> Documents(JsonElement e) =>
        e.GetProperty("inline").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
}
