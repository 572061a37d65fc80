using ImAudit.Engine.Findings;
using static ImAudit.Engine.Tests.Rules.RuleHarness;

namespace ImAudit.Engine.Tests.Rules;

public class ResourceStarWhereScopableRuleTests
{
    [Fact]
    public void Suggests_arn_patterns_in_the_policy_account()
    {
        var json = Statement("Allow", """["ssm-incidents:GetResponsePlan","ssm-incidents:ListResponsePlans"]""");

        var finding = Assert.Single(Run("IMA304", json));

        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Equal(At(json, 0, "S", "/Statement/0/Resource", "\"*\""), finding.Location);
        string[] Texts(string key) => [.. ((ListDetail)finding.Details.Entries.Single(e => e.Key == key).Value).Items.Cast<TextDetail>().Select(t => t.Value)];
        Assert.Equal(["arn:aws:ssm-incidents::111122223333:response-plan/*"], Texts("suggestedResources"));
        Assert.Equal(["ssm-incidents:GetResponsePlan"], Texts("actions"));
    }

    [Theory]
    [InlineData("Allow", "[\"ssm-incidents:ListResponsePlans\",\"ssm-incidents:CreateResponsePlan\"]", "*")]
    [InlineData("Allow", "\"ssm-incidents:GetResponsePlan\"", "arn:aws:ssm-incidents::111122223333:response-plan/*")]
    [InlineData("Deny", "\"ssm-incidents:GetResponsePlan\"", "*")]
    [InlineData("Allow", "\"s3:GetObject\"", "*")]
    public void Leaves_unscopable_actions_scoped_statements_and_denies_alone(string effect, string actions, string resource) =>
        Assert.Empty(Run("IMA304", Statement(effect, actions, resource)));
}
