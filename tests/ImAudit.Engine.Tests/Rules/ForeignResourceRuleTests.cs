using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;
using static ImAudit.Engine.Tests.Rules.SharingCases;

namespace ImAudit.Engine.Tests.Rules;

public class ForeignResourceRuleTests
{
    [Theory]
    [InlineData(Plan, "\"*\"")]
    [InlineData(Plan, "\"arn:aws:ssm-incidents::111122223333:response-plan/Other\"")]
    [InlineData(Plan, "\"arn:aws:ssm-incidents::111122223333:response-plan/*\"")]
    [InlineData(Plan, "\"arn:aws:ssm-incidents:*:111122223333:incident-record/Other/*\"")]
    [InlineData(Contact, "\"arn:aws:ssm-contacts:*:111122223333:contact/*\"")]
    public void Flags_resources_beyond_the_policy_own(string own, string resources)
    {
        var finding = Assert.Single(RuleHarness.Run("IMA404", Share("""{"AWS":"222233334444"}""", "\"ssm-incidents:GetResponsePlan\"", resources), PolicyKind.Resource, own));

        Assert.Equal(Severity.Medium, finding.Severity);
    }

    [Fact]
    public void Points_at_the_foreign_resource_entry()
    {
        var json = Share("""{"AWS":"222233334444"}""", "\"ssm-incidents:GetResponsePlan\"", $"[\"{Plan}\",\"arn:aws:ssm-incidents::111122223333:response-plan/Other\"]");

        var finding = Assert.Single(RuleHarness.Run("IMA404", json, PolicyKind.Resource, Plan));

        Assert.Equal(RuleHarness.At(json, 0, "Share", "/Statement/0/Resource/1", "\"arn:aws:ssm-incidents::111122223333:response-plan/Other\""), finding.Location);
    }

    [Theory]
    [InlineData(Plan, PlanResources)]
    [InlineData(Plan, "\"arn:aws:ssm-incidents:*:111122223333:response-plan/Payments\"")]
    [InlineData(Contact, """["arn:aws:ssm-contacts:*:111122223333:contact/oncall","arn:aws:ssm-contacts:*:111122223333:engagement/oncall/*"]""")]
    public void Leaves_the_resource_and_its_children_alone(string own, string resources) =>
        Assert.Empty(RuleHarness.Run("IMA404", Share("""{"AWS":"222233334444"}""", "\"ssm-incidents:GetResponsePlan\"", resources), PolicyKind.Resource, own));
}
