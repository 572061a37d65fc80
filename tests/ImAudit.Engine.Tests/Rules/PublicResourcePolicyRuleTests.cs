using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;
using static ImAudit.Engine.Tests.Rules.SharingCases;

namespace ImAudit.Engine.Tests.Rules;

public class PublicResourcePolicyRuleTests
{
    [Theory]
    [InlineData("\"*\"", "")]
    [InlineData("""{"AWS":"*"}""", "")]
    [InlineData("""{"AWS":"*"}""", ""","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc"}}""")]
    [InlineData("""{"AWS":"*"}""", ""","Condition":{"StringLike":{"aws:PrincipalAccount":"*"}}""")]
    [InlineData("""{"AWS":"*"}""", ""","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/ops"}}""")]
    public void Flags_open_principals_without_a_pinning_condition(string principal, string condition)
    {
        var json = Share(principal, PlanActions, PlanResources, condition);

        var finding = Assert.Single(RuleHarness.Run("IMA401", json, PolicyKind.Resource, Plan));

        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal(RuleHarness.At(json, 0, "Share", "/Statement/0/Principal", principal), finding.Location);
    }

    [Theory]
    [InlineData("""{"AWS":"*"}""", ""","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}""")]
    [InlineData("\"*\"", ""","Condition":{"StringEquals":{"aws:PrincipalAccount":["222233334444"]}}""")]
    [InlineData("""{"AWS":"*"}""", ""","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::222233334444:role/*"}}""")]
    [InlineData("""{"AWS":"222233334444"}""", "")]
    public void Leaves_pinned_or_named_principals_alone(string principal, string condition) =>
        Assert.Empty(RuleHarness.Run("IMA401", Share(principal, PlanActions, PlanResources, condition), PolicyKind.Resource, Plan));
}
