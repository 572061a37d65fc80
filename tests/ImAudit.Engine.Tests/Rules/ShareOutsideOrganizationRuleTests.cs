using ImAudit.Engine.Inventory;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Organizations;
using static ImAudit.Engine.Tests.Rules.OrganizationHarness;

namespace ImAudit.Engine.Tests.Rules;

public class ShareOutsideOrganizationRuleTests
{
    private const string PlanShare = """["ssm-incidents:GetResponsePlan","ssm-incidents:StartIncident"]""";
    private const string Identity = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"*"}]}""";

    private static IReadOnlyList<Finding> Fire(string share, Organization? organization) =>
        Run("IMA703", [Owner(Plan, share), MemberWith(Responder, Identity)], organization);

    [Theory]
    [InlineData("""{"AWS":"999999999999"}""", "", "/Statement/0/Principal/AWS", "\"999999999999\"")]
    [InlineData("""{"AWS":["444455556666","arn:aws:iam::999999999999:role/Vendor"]}""", "", "/Statement/0/Principal/AWS/1", "\"arn:aws:iam::999999999999:role/Vendor\"")]
    [InlineData("\"*\"", "", "/Statement/0/Principal", "\"*\"")]
    [InlineData("\"*\"", ""","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-other"}}""", "/Statement/0/Principal", "\"*\"")]
    [InlineData("\"*\"", ""","Condition":{"StringEquals":{"aws:PrincipalAccount":["444455556666","999999999999"]}}""", "/Statement/0/Condition/StringEquals/aws:PrincipalAccount", "\"aws:PrincipalAccount\"")]
    public void Reports_grants_to_accounts_outside_the_organization(string principal, string condition, string pointer, string at)
    {
        var json = Share(principal, PlanShare, $"\"{Plan}\"", condition);

        var finding = Assert.Single(Fire(json, Org(Central, Member)));

        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal(Plan, finding.Resource);
        Assert.Equal(Central, finding.AccountId);
        Assert.Equal(RuleHarness.At(Plan + "#p1", json, 0, "Share", pointer, at), finding.Location);
    }

    [Fact]
    public void A_suspended_member_is_outside()
    {
        var organization = Org(Central) with { Members = [new OrganizationMember(Central, "central", null, "ACTIVE"), new OrganizationMember(Member, "payments", null, "SUSPENDED")] };

        var finding = Assert.Single(Fire(Share("""{"AWS":"444455556666"}""", PlanShare, $"\"{Plan}\""), organization));

        Assert.Contains("account 444455556666, which is suspended in the organization", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"AWS":"444455556666"}""", "")]
    [InlineData("""{"AWS":"111122223333"}""", "")]
    [InlineData("\"*\"", ""","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}""")]
    [InlineData("\"*\"", ""","Condition":{"StringEquals":{"aws:PrincipalAccount":"444455556666"}}""")]
    public void Leaves_shares_inside_the_organization_alone(string principal, string condition) =>
        Assert.Empty(Fire(Share(principal, PlanShare, $"\"{Plan}\"", condition), Org(Central, Member)));

    [Fact]
    public void Says_nothing_without_the_account_list()
    {
        Assert.Empty(Fire(Share("""{"AWS":"999999999999"}""", PlanShare, $"\"{Plan}\""), null));
        Assert.Empty(Fire(Share("""{"AWS":"999999999999"}""", PlanShare, $"\"{Plan}\""), Org() with { Members = null }));
    }
}
