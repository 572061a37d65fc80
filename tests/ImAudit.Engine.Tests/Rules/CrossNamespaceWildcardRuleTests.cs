using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using static ImAudit.Engine.Tests.Rules.RuleHarness;

namespace ImAudit.Engine.Tests.Rules;

public class CrossNamespaceWildcardRuleTests
{
    [Theory]
    [InlineData("Allow", "ssm*:*", Severity.Low)]
    [InlineData("Allow", "*:Get*", Severity.Low)]
    [InlineData("Allow", "s?m-*:*", Severity.Low)]
    [InlineData("Deny", "ssm*:Delete*", Severity.Info)]
    public void Flags_prefix_wildcards_that_reach_incident_manager(string effect, string action, Severity severity)
    {
        var json = Statement(effect, $"[\"s3:GetObject\",\"{action}\"]");

        var finding = Assert.Single(Run("IMA106", json));

        Assert.Equal(severity, finding.Severity);
        Assert.Equal(At(json, 0, "S", "/Statement/0/Action/1", $"\"{action}\""), finding.Location);
        var expansion = Assert.IsType<ListDetail>(finding.Details.Entries.Single(e => e.Key == "expansion").Value);
        Assert.Contains(expansion.Items.Cast<MapDetail>(), m => m.Entries.Any(e => e.Value is TextDetail { Value: "ssm-incidents" }));
    }

    [Fact]
    public void Counts_the_incident_manager_actions_reached()
    {
        var finding = Assert.Single(Run("IMA106", Statement("Allow", "\"ssm-*:Get*\"")));

        // As many as the catalogue has Get actions in the two services (the count follows the catalogue's updates).
        var expected = IamCatalog.Default.Services.Where(s => s.Prefix is "ssm-incidents" or "ssm-contacts")
            .SelectMany(s => s.Actions).Count(a => a.Name.StartsWith("Get", StringComparison.Ordinal));
        Assert.True(expected > 0);
        Assert.Equal(new NumberDetail(expected), finding.Details.Entries.Single(e => e.Key == "incidentManagerActions").Value);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("*:*")]
    [InlineData("ssm-incidents:*")]
    [InlineData("s3*:Get*")]
    public void Leaves_full_wildcards_single_services_and_unrelated_prefixes_alone(string action) =>
        Assert.Empty(Run("IMA106", Statement("Allow", $"\"{action}\"")));
}
