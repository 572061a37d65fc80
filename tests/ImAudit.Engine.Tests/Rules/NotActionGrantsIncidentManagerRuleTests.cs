using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;

namespace ImAudit.Engine.Tests.Rules;

public class NotActionGrantsIncidentManagerRuleTests
{
    [Fact]
    public void Flags_not_action_allows_that_take_in_incident_manager()
    {
        var json = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}]}""";

        var finding = Assert.Single(RuleHarness.Run("IMA205", json));

        Assert.Equal(Severity.Medium, finding.Severity);
        // Excluding iam and organizations leaves every Incident Manager action of the catalogue, however many AWS lists.
        var incidentManager = IamCatalog.Default.Services.Where(s => s.Prefix is "ssm-incidents" or "ssm-contacts").SelectMany(s => s.Actions).Select(a => a.FullName).ToList();
        Assert.True(incidentManager.Count > 0, "the catalogue lists no Incident Manager action");
        var granted = ((ListDetail)finding.Details.Entries.Single(e => e.Key == "incidentManagerActions").Value).Items.Select(i => ((TextDetail)i).Value);
        Assert.Equal(incidentManager.Order(StringComparer.Ordinal), granted.Order(StringComparer.Ordinal));
        // The pointer names the whole element; line and column are where its first entry starts.
        Assert.Equal(RuleHarness.At(json, 0, null, "/Statement/0/NotAction", "\"iam:*\""), finding.Location);
    }

    [Fact]
    public void Flags_not_resource_allows_of_incident_manager_actions()
    {
        var json = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm-incidents:Get*","NotResource":"arn:aws:ssm-incidents::111122223333:response-plan/Secret"}]}""";

        var finding = Assert.Single(RuleHarness.Run("IMA205", json));

        Assert.Equal(RuleHarness.At(json, 0, null, "/Statement/0/NotResource", "\"arn:aws:ssm-incidents::111122223333:response-plan/Secret\""), finding.Location);
    }

    [Theory]
    [InlineData("""{"Effect":"Allow","NotAction":["ssm-incidents:*","ssm-contacts:*"],"Resource":"*"}""")]
    [InlineData("""{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}""")]
    [InlineData("""{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"*"}""")]
    public void Leaves_complements_without_incident_manager_and_denies_alone(string statement) =>
        Assert.Empty(RuleHarness.Run("IMA205", $$"""{"Version":"2012-10-17","Statement":[{{statement}}]}"""));
}
