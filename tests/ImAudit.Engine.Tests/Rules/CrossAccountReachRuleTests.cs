using ImAudit.Engine.Findings;
using static ImAudit.Engine.Tests.Rules.OrganizationHarness;

namespace ImAudit.Engine.Tests.Rules;

public class CrossAccountReachRuleTests
{
    private const string PlanShare = """["ssm-incidents:GetResponsePlan","ssm-incidents:StartIncident","ssm-incidents:GetIncidentRecord"]""";
    private const string PlanResources = """["arn:aws:ssm-incidents::111122223333:response-plan/Payments","arn:aws:ssm-incidents::111122223333:incident-record/Payments/*"]""";

    private static List<string> Actions(Finding f) =>
        [.. ((ListDetail)f.Details.Entries.Single(e => e.Key == "actions").Value).Items
            .Select(i => ((TextDetail)((MapDetail)i).Entries.Single(e => e.Key == "action").Value).Value)];

    [Fact]
    public void Reports_a_member_role_both_halves_allow_limited_to_what_the_share_grants()
    {
        var finding = Assert.Single(Run("IMA701", Share("""{"AWS":"444455556666"}""", PlanShare, PlanResources), Allow("\"ssm-incidents:*\"")));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal(Responder, finding.Resource);
        Assert.Equal(Member, finding.AccountId);
        Assert.Equal(new FindingLocation(Plan + "#p1", 0, "Share", "/Statement/0"), finding.Location! with { Line = null, Column = null });
        Assert.Equal(["ssm-incidents:GetIncidentRecord", "ssm-incidents:GetResponsePlan", "ssm-incidents:StartIncident"], Actions(finding));
        Assert.Contains("`Responder` of account 444455556666 can act on response-plan `Payments` of account 111122223333 through 3 actions", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Points_at_the_share_statement_with_its_line_and_column()
    {
        var share = Share("""{"AWS":"444455556666"}""", PlanShare, PlanResources);

        var finding = Assert.Single(Run("IMA701", share, Allow("\"ssm-incidents:*\"")));

        Assert.Equal(RuleHarness.At(Plan + "#p1", share, 0, "Share", "/Statement/0", "{\"Sid\""), finding.Location);
    }

    [Fact]
    public void A_read_only_reach_is_info_and_names_the_statements_on_each_side()
    {
        var finding = Assert.Single(Run("IMA701", Share("""{"AWS":"arn:aws:iam::444455556666:role/Responder"}""", "\"ssm-incidents:GetResponsePlan\"", $"\"{Plan}\""),
            Allow("""["ssm-incidents:Get*","ssm-incidents:List*"]""")));

        Assert.Equal(Severity.Info, finding.Severity);
        var details = finding.Details.Entries.ToDictionary(e => e.Key, e => e.Value);
        var identity = (MapDetail)Assert.Single(((ListDetail)details["identityStatements"]).Items);
        Assert.Contains(identity.Entries, e => e.Key == "policy" && e.Value == (Detail)$"{Responder}#inline");
        var resource = (MapDetail)Assert.Single(((ListDetail)details["resourceStatements"]).Items);
        Assert.Contains(resource.Entries, e => e.Key == "policyId" && e.Value == (Detail)"p1");
        Assert.Contains(resource.Entries, e => e.Key == "sid" && e.Value == (Detail)"Share");
    }

    [Fact]
    public void A_contact_share_reaches_engagements_only_through_a_grant_covering_all_of_them()
    {
        var share = Share("""{"AWS":"444455556666"}""", """["ssm-contacts:StartEngagement","ssm-contacts:DescribeEngagement"]""",
            $$"""["{{Contact}}","arn:aws:ssm-contacts:us-east-1:111122223333:engagement/sev1/*"]""");

        var finding = Assert.Single(Run("IMA701", share, Allow("""["ssm-contacts:StartEngagement","ssm-contacts:DescribeEngagement"]"""), Contact));

        Assert.Equal(["ssm-contacts:DescribeEngagement", "ssm-contacts:StartEngagement"], Actions(finding));
    }

    [Fact]
    public void The_permissions_boundary_limits_the_reach()
    {
        var accounts = new[] { Owner(Plan, Share("""{"AWS":"444455556666"}""", PlanShare, PlanResources)),
            MemberWith(Responder, Allow("\"ssm-incidents:*\""), boundary: Allow("\"ssm-incidents:Get*\"")) };

        var finding = Assert.Single(Run("IMA701", accounts, Org(Central, Member)));

        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal(["ssm-incidents:GetIncidentRecord", "ssm-incidents:GetResponsePlan"], Actions(finding));
    }

    [Fact]
    public void A_condition_the_audit_cannot_know_makes_the_reach_conditional()
    {
        var share = Share("""{"AWS":"444455556666"}""", PlanShare, PlanResources, ""","Condition":{"IpAddress":{"aws:SourceIp":"198.51.100.0/24"}}""");

        var finding = Assert.Single(Run("IMA701", share, Allow("\"ssm-incidents:*\"")));

        Assert.EndsWith("when the conditions hold", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_organization_wide_share_lets_members_in_when_the_organization_is_known()
    {
        var share = Share("\"*\"", PlanShare, PlanResources, ""","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}""");
        var accounts = new[] { Owner(Plan, share), MemberWith(Responder, Allow("\"ssm-incidents:*\"")) };

        Assert.DoesNotContain("conditions", Assert.Single(Run("IMA701", accounts, Org(Central, Member))).Message, StringComparison.Ordinal);
        Assert.EndsWith("when the conditions hold", Assert.Single(Run("IMA701", accounts)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"arn:aws:ssm-incidents::444455556666:*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"*"},{"Effect":"Deny","Action":"ssm-incidents:*","Resource":"*"}]}""")]
    public void Leaves_a_member_alone_when_its_own_half_does_not_allow(string identity) =>
        Assert.Empty(Run("IMA701", Share("""{"AWS":"444455556666"}""", PlanShare, PlanResources), identity));

    [Theory]
    [InlineData("""{"AWS":"arn:aws:iam::444455556666:role/Other"}""")]
    [InlineData("""{"AWS":"555566667777"}""")]
    public void Leaves_a_member_alone_when_the_share_does_not_name_it(string principal) =>
        Assert.Empty(Run("IMA701", Share(principal, PlanShare, PlanResources), Allow("\"ssm-incidents:*\"")));

    [Fact]
    public void A_principal_of_the_owner_account_is_not_cross_account() =>
        Assert.Empty(Run("IMA701", [Owner(Plan, Share("""{"AWS":"111122223333"}""", PlanShare, PlanResources))
            with { Roles = MemberWith("arn:aws:iam::111122223333:role/Local", Allow("\"ssm-incidents:*\"")).Roles }, MemberWith(Responder, null)], Org(Central, Member)));
}
