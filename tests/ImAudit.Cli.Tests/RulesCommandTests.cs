using System.Text.Json;
using ImAudit.Engine.Rules;

namespace ImAudit.Cli.Tests;

public class RulesCommandTests
{
    [Fact]
    public void Lists_every_registered_rule_in_each_format()
    {
        Golden.AssertMatches("rules.txt", CliRunner.Run("rules").Stdout);
        Golden.AssertMatches("rules.md", CliRunner.Run("rules", "--format", "md").Stdout);
        using var json = JsonDocument.Parse(CliRunner.Run("rules", "--format", "json").Stdout);
        Assert.Equal(RuleRegistry.All.Select(r => r.Id), json.RootElement.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
    }
}
