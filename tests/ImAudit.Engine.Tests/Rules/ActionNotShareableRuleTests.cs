using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;
using static ImAudit.Engine.Tests.Rules.SharingCases;

namespace ImAudit.Engine.Tests.Rules;

public class ActionNotShareableRuleTests
{
    [Theory]
    [InlineData(Plan, """["ssm-incidents:GetResponsePlan","ssm-incidents:DeleteResponsePlan"]""", "ssm-incidents:DeleteResponsePlan")]
    [InlineData(Plan, "\"ssm-incidents:*\"", "ssm-incidents:PutResourcePolicy")]
    [InlineData(Contact, """["ssm-contacts:GetContact","ssm-contacts:UpdateContact"]""", "ssm-contacts:UpdateContact")]
    public void Flags_actions_ram_does_not_share(string resource, string actions, string expected)
    {
        var json = Share("""{"AWS":"222233334444"}""", actions, "\"*\"");

        var finding = Assert.Single(RuleHarness.Run("IMA403", json, PolicyKind.Resource, resource));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal(RuleHarness.At(json, 0, "Share", "/Statement/0", "{\"Sid\""), finding.Location);
        Assert.Contains(new TextDetail(expected), ((ListDetail)finding.Details.Entries.Single(e => e.Key == "actions").Value).Items);
    }

    [Theory]
    [InlineData(Plan, PlanActions)]
    [InlineData(Contact, """["ssm-contacts:GetContact","ssm-contacts:StartEngagement","ssm-contacts:DescribeEngagement","ssm-contacts:ListPagesByEngagement","ssm-contacts:StopEngagement"]""")]
    public void Leaves_the_shareable_sets_alone(string resource, string actions) =>
        Assert.Empty(RuleHarness.Run("IMA403", Share("""{"AWS":"222233334444"}""", actions, "\"*\""), PolicyKind.Resource, resource));
}
