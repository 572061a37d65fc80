using ImAudit.Engine.Findings;
using static ImAudit.Engine.Tests.Rules.RuleHarness;

namespace ImAudit.Engine.Tests.Rules;

public class UnknownActionRuleTests
{
    [Theory]
    [InlineData("Allow", "ssm-incidents:GetResponsePlans", "ssm-incidents:GetResponsePlan", Severity.Low)]
    [InlineData("Deny", "ssm-incidents:DeleteResponsPlan", "ssm-incidents:DeleteResponsePlan", Severity.Medium)]
    [InlineData("Allow", "ssm-contacts:StartEngagment", "ssm-contacts:StartEngagement", Severity.Low)]
    [InlineData("Allow", "s3:GetObjekt", "s3:GetObject", Severity.Low)]
    [InlineData("Allow", "ssm-incidents:Frobnicate*", null, Severity.Low)]
    public void Flags_actions_no_service_has_and_suggests_the_nearest(string effect, string action, string? suggestion, Severity severity)
    {
        var json = Statement(effect, $"[\"s3:GetObject\",\"{action}\"]");

        var finding = Assert.Single(Run("IMA102", json));

        Assert.Equal(severity, finding.Severity);
        Assert.Equal(At(json, 0, "S", "/Statement/0/Action/1", $"\"{action}\""), finding.Location);
        Assert.Equal(suggestion, Suggestion(finding));
    }

    [Theory]
    [InlineData("SSM-INCIDENTS:getresponseplan")]
    [InlineData("ssm-incidents:Get*")]
    [InlineData("ssm-incidents:GetContact")]
    [InlineData("ssm:StartIncident")]
    public void Leaves_real_actions_and_other_rules_cases_alone(string action) =>
        Assert.Empty(Run("IMA102", Statement("Allow", $"\"{action}\"")));
}
