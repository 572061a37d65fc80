using ImAudit.Engine.Findings;
using static ImAudit.Engine.Tests.Rules.RuleHarness;

namespace ImAudit.Engine.Tests.Rules;

public class WrongNamespaceRuleTests
{
    [Theory]
    [InlineData("Allow", "ssm-incidents:GetContact", "ssm-contacts:GetContact", Severity.Medium)]
    [InlineData("Deny", "ssm-contacts:StartIncident", "ssm-incidents:StartIncident", Severity.High)]
    [InlineData("Allow", "ssm-contacts:deleteresponseplan", "ssm-incidents:DeleteResponsePlan", Severity.Medium)]
    [InlineData("Allow", "ssm-incidents:*Contact*", "ssm-contacts:*Contact*", Severity.Medium)]
    public void Flags_actions_of_the_sibling_namespace(string effect, string action, string suggestion, Severity severity)
    {
        var finding = Assert.Single(Run("IMA101", Statement(effect, $"[\"ssm-incidents:StartIncident\",\"{action}\"]")));

        Assert.Equal(severity, finding.Severity);
        Assert.Equal(suggestion, Suggestion(finding));
        Assert.Equal("/Statement/0/Action/1", finding.Location!.Pointer);
        Assert.Equal("S", finding.Location.Sid);
    }

    [Theory]
    [InlineData("ssm-contacts:GetContact")]
    [InlineData("ssm-incidents:StartIncident")]
    [InlineData("ssm-incidents:*")]
    [InlineData("ssm-contacts:Get*")]
    [InlineData("ssm-incidents:GetNothingAtAll")]
    public void Leaves_correct_and_unrelated_actions_alone(string action) =>
        Assert.Empty(Run("IMA101", Statement("Allow", $"\"{action}\"")));

    [Fact]
    public void Fingerprints_are_stable_and_specific()
    {
        var first = Assert.Single(Run("IMA101", Statement("Allow", "\"ssm-incidents:GetContact\"")));
        var again = Assert.Single(Run("IMA101", Statement("Allow", "\"ssm-incidents:GetContact\"")));
        var other = Assert.Single(Run("IMA101", Statement("Allow", "\"ssm-incidents:GetContactChannel\"")));

        Assert.Equal(first.Fingerprint, again.Fingerprint);
        Assert.NotEqual(first.Fingerprint, other.Fingerprint);
    }
}
