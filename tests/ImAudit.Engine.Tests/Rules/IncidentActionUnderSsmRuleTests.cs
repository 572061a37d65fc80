using ImAudit.Engine.Findings;
using static ImAudit.Engine.Tests.Rules.RuleHarness;

namespace ImAudit.Engine.Tests.Rules;

public class IncidentActionUnderSsmRuleTests
{
    [Theory]
    [InlineData("Allow", "ssm:StartIncident", "ssm-incidents:StartIncident", Severity.Medium)]
    [InlineData("Deny", "ssm:GetContact", "ssm-contacts:GetContact", Severity.High)]
    [InlineData("Allow", "ssm:*ResponsePlan*", "ssm-incidents:*ResponsePlan*", Severity.Medium)]
    public void Flags_incident_manager_actions_under_ssm(string effect, string action, string suggestion, Severity severity)
    {
        var json = Statement(effect, $"\"{action}\"");

        var finding = Assert.Single(Run("IMA104", json));

        Assert.Equal((severity, suggestion), (finding.Severity, Suggestion(finding)));
        Assert.Equal(At(json, 0, "S", "/Statement/0/Action", $"\"{action}\""), finding.Location);
        Assert.Empty(Run("IMA102", Statement(effect, $"\"{action}\"")));
    }

    [Theory]
    [InlineData("ssm:GetParameter")]
    [InlineData("ssm:*")]
    [InlineData("ssm:StartAutomationExecution")]
    public void Leaves_real_ssm_actions_alone(string action) => Assert.Empty(Run("IMA104", Statement("Allow", $"\"{action}\"")));
}
