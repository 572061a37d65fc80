using ImAudit.Engine.Findings;

namespace ImAudit.Engine.Tests.Rules;

public class DenyMatchesNothingRuleTests
{
    [Theory]
    [InlineData("""["ssm:StartIncident","ssm-contacts:DeleteResponsePlan"]""", "*")]
    [InlineData("""["ssm-incident:DeleteResponsePlan"]""", "*")]
    [InlineData("""["ssm-incidents:DeleteResponsePlan"]""", "arn:aws:ssm-incidents:us-east-1:111122223333:response-plan/P")]
    public void Flags_denies_whose_incident_manager_part_denies_nothing(string actions, string resource)
    {
        var json = RuleHarness.Statement("Deny", actions, resource);

        var finding = Assert.Single(RuleHarness.Run("IMA203", json));

        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal(RuleHarness.At(json, 0, "S", "/Statement/0", "{\"Sid\""), finding.Location);
        Assert.NotEmpty(((ListDetail)finding.Details.Entries.Single(e => e.Key == "causes").Value).Items);
    }

    [Theory]
    [InlineData("""["ssm:StartIncident","ssm-incidents:DeleteResponsePlan"]""", "*")]
    [InlineData("""["s3:DeleteObjekt"]""", "*")]
    [InlineData("""["ssm-incidents:Delete*"]""", "arn:aws:ssm-incidents::111122223333:response-plan/*")]
    public void Leaves_denies_that_deny_something_or_are_not_about_incident_manager(string actions, string resource) =>
        Assert.Empty(RuleHarness.Run("IMA203", RuleHarness.Statement("Deny", actions, resource)));
}
