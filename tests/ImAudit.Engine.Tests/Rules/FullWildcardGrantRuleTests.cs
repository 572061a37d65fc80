using ImAudit.Engine.Findings;
using static ImAudit.Engine.Tests.Rules.RuleHarness;

namespace ImAudit.Engine.Tests.Rules;

public class FullWildcardGrantRuleTests
{
    [Theory]
    [InlineData("*", 22_091)]
    [InlineData("*:*", 22_091)]
    [InlineData("ssm-incidents:*", 31)]
    [InlineData("SSM-Contacts:*", 40)]
    public void Flags_full_wildcard_allows_with_their_expansion_size(string action, int size)
    {
        var json = Statement("Allow", $"[\"ssm-incidents:Get*\",\"{action}\"]");

        var finding = Assert.Single(Run("IMA303", json));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal(At(json, 0, "S", "/Statement/0/Action/1", $"\"{action}\""), finding.Location);
        Assert.Equal(new NumberDetail(size), finding.Details.Entries.Single(e => e.Key == "expansionSize").Value);
    }

    [Theory]
    [InlineData("Allow", "ssm-incidents:Get*")]
    [InlineData("Allow", "ssm*:*")]
    [InlineData("Allow", "s3:*")]
    [InlineData("Deny", "*")]
    public void Leaves_partial_wildcards_other_services_and_denies_alone(string effect, string action) =>
        Assert.Empty(Run("IMA303", Statement(effect, $"\"{action}\"")));
}
