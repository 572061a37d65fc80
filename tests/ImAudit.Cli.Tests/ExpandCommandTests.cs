using System.Text.Json;
using ImAudit.Engine.Catalog;

namespace ImAudit.Cli.Tests;

public class ExpandCommandTests
{
    [Fact]
    public void Json_lists_exactly_the_catalogue_actions_matching_the_pattern()
    {
        var result = CliRunner.Run("expand", "ssm*:Get*", "--format", "json");

        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        Golden.AssertMatches("expand-ssm-get.json", result.Stdout);
        using var json = JsonDocument.Parse(result.Stdout);
        var actions = json.RootElement.GetProperty("patterns")[0].GetProperty("actions").EnumerateArray().Select(a => a.GetString()!).ToList();
        var expected = IamCatalog.Default.AllActions
            .Where(a => a.Service.StartsWith("ssm", StringComparison.OrdinalIgnoreCase) && a.Name.StartsWith("Get", StringComparison.OrdinalIgnoreCase))
            .Select(a => a.FullName).Order(StringComparer.Ordinal);
        Assert.Equal(expected, actions);
        Assert.Equal("1", json.RootElement.GetProperty("schemaVersion").GetString());
    }

    [Fact]
    public void Text_shows_count_and_access_level_per_pattern()
    {
        var result = CliRunner.Run("expand", "ssm-incidents:*Resource*", "ssm-contacts:StartEngagement");

        Golden.AssertMatches("expand-text.txt", result.Stdout);
    }

    [Theory]
    [InlineData(new[] { "expand" }, "expand needs at least one action pattern")]
    [InlineData(new[] { "expand", "ssm-incidents" }, "`ssm-incidents` is not an action")]
    [InlineData(new[] { "expand", "x:y", "--format", "xml" }, "`--format xml` is not supported here")]
    [InlineData(new[] { "expand", "x:y", "--colour" }, "unknown option `--colour`")]
    [InlineData(new[] { "frobnicate" }, "unknown command `frobnicate`")]
    public void Usage_errors_exit_2_with_one_line(string[] args, string message)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.StartsWith("imaudit: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
    }
}
