using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Rules;

public class ExceedsBaselineRuleTests
{
    [Theory]
    [InlineData("\"ssm-incidents:DeleteResponsePlan\"", Severity.High)]
    [InlineData("\"ssm-incidents:PutResourcePolicy\"", Severity.High)]
    [InlineData("\"ssm-incidents:UpdateResponsePlan\"", Severity.High)]
    [InlineData("\"ssm-contacts:CreateContact\"", Severity.Medium)]
    [InlineData("\"ssm-incidents:TagResource\"", Severity.Medium)]
    [InlineData("\"ssm-contacts:ListContacts\"", Severity.Low)]
    public void Severity_follows_the_riskiest_excess(string action, Severity severity)
    {
        var finding = Assert.Single(Run("IMA301", Account([User("ana", Allow(action))])));

        Assert.Equal(severity, finding.Severity);
        Assert.Equal("arn:aws:iam::111122223333:user/ana", finding.Resource);
        Assert.Equal(new TextDetail("AWSIncidentManagerResolverAccess@v4"), finding.Details.Entries.Single(e => e.Key == "baseline").Value);
        // docs/rules/IMA301.md: the statement granting the riskiest excess, with no pointer (found through the
        // principal's effective access, not in one document's text).
        Assert.Equal(new FindingLocation("arn:aws:iam::111122223333:user/ana#inline", 0), finding.Location);
    }

    [Fact]
    public void Group_policies_count_and_the_excess_names_its_source()
    {
        var group = new ImAudit.Engine.Inventory.IamGroup("admins", "arn:aws:iam::111122223333:group/admins", "/",
            [new ImAudit.Engine.Inventory.InlinePolicy("im-admin", Allow("\"ssm-incidents:*\""))], []);

        var finding = Assert.Single(Run("IMA301", Account([User("ana", groups: ["admins"])], groups: [group])));

        // The message counts the excess its details list (the number follows the catalogue and the baseline).
        var excess = ((ListDetail)finding.Details.Entries.Single(e => e.Key == "excess").Value).Items.Cast<MapDetail>()
            .Sum(g => Flatten(g.Entries[1].Value).Split(' ').Length);
        Assert.InRange(excess, 1, IamCatalog.Default.FindService("ssm-incidents")!.Actions.Length - 1);
        Assert.Contains($"{excess} Incident Manager actions", finding.Message, StringComparison.Ordinal);
        Assert.Contains("arn:aws:iam::111122223333:group/admins#im-admin", Flatten(finding.Details));
        Assert.Equal(new FindingLocation("arn:aws:iam::111122223333:group/admins#im-admin", 0), finding.Location);
    }

    [Fact]
    public void Excess_is_grouped_by_access_level_and_by_where_it_comes_from()
    {
        var document = """
            { "Version": "2012-10-17", "Statement": [
              { "Effect": "Allow", "Action": ["ssm-incidents:DeleteResponsePlan", "ssm-incidents:UpdateResponsePlan"], "Resource": "*" },
              { "Effect": "Allow", "Action": "ssm-contacts:DeleteContact", "Resource": "arn:aws:ssm-contacts:*:111122223333:contact/*" } ] }
            """;

        var finding = Assert.Single(Run("IMA301", Account([User("ana", document)])));

        var groups = ((ListDetail)finding.Details.Entries.Single(e => e.Key == "excess").Value).Items.Cast<MapDetail>()
            .Select(g => (Level: Flatten(g.Entries[0].Value), Actions: Flatten(g.Entries[1].Value), Resources: Flatten(g.Entries[2].Value), By: Flatten(g.Entries[3].Value)))
            .ToList();
        Assert.Equal(
            [
                ("Write", "ssm-contacts:DeleteContact", "arn:aws:ssm-contacts:*:111122223333:contact/*", "arn:aws:iam::111122223333:user/ana#inline"),
                ("Write", "ssm-incidents:DeleteResponsePlan ssm-incidents:UpdateResponsePlan", "*", "arn:aws:iam::111122223333:user/ana#inline"),
            ],
            groups);
    }

    [Theory]
    [InlineData(new[] { "AWSIncidentManagerResolverAccess" }, null)]
    [InlineData(new string[0], "[\"ssm-incidents:StartIncident\",\"ssm-incidents:GetResponsePlan\"]")]
    [InlineData(new string[0], "\"s3:*\"")]
    public void Principals_within_their_baseline_or_without_incident_manager_access_pass(string[] attached, string? inline) =>
        Assert.Empty(Run("IMA301", Account([User("ana", inline, attached)])));

    [Fact]
    public void The_service_linked_role_is_judged_against_its_own_policy_and_runbook_roles_not_here()
    {
        var slr = Role("AWSServiceRoleForIncidentManager", "ssm-incidents.amazonaws.com", attached: ["AWSIncidentManagerServiceRolePolicy"], path: "/aws-service-role/ssm-incidents.amazonaws.com/");
        var runbook = Role("runbook", "ssm-incidents.amazonaws.com", Allow("\"ssm-incidents:*\""));

        Assert.Empty(Run("IMA301", Account(roles: [slr, runbook])));
    }

    private static string Flatten(Detail detail) => detail switch
    {
        TextDetail t => t.Value,
        ListDetail l => string.Join(" ", l.Items.Select(Flatten)),
        MapDetail m => string.Join(" ", m.Entries.Select(e => Flatten(e.Value))),
        _ => "",
    };
}
