using System.Text.Json;

namespace ImAudit.Cli.Tests;

public class CheckPolicyCommandTests
{
    private static string Normalise(string output) => output.Replace(CliRunner.Fixture(""), "Fixtures", StringComparison.Ordinal);

    [Fact]
    public void Text_lists_findings_most_severe_first_with_places()
    {
        var result = CliRunner.Run("check-policy", CliRunner.Fixture("namespace-mistakes.json"));

        Assert.Equal(0, result.ExitCode);
        Golden.AssertMatches("check-policy-namespaces.txt", Normalise(result.Stdout));
    }

    [Fact]
    public void Json_follows_the_finding_contract()
    {
        var result = CliRunner.Run("check-policy", CliRunner.Fixture("namespace-mistakes.json"), "--format", "json");

        // Fingerprints hash the policy's path, which differs between checkouts; their stability is pinned in the engine tests.
        var shape = System.Text.RegularExpressions.Regex.Replace(Normalise(result.Stdout), "\"fingerprint\": \"[0-9a-f]{32}\"", "\"fingerprint\": \"…\"");
        Golden.AssertMatches("check-policy-namespaces.json", shape);
        using var json = JsonDocument.Parse(result.Stdout);
        var first = json.RootElement.GetProperty("findings")[0];
        foreach (var field in new[] { "ruleId", "severity", "title", "message", "resource", "location", "details", "fingerprint" })
            Assert.True(first.TryGetProperty(field, out _), field);
        Assert.Equal("IMA101", first.GetProperty("ruleId").GetString());
        Assert.Equal(10, first.GetProperty("location").GetProperty("line").GetInt32());
    }

    [Theory]
    [InlineData("high", 1)]
    [InlineData("critical", 0)]
    public void Fail_on_sets_the_exit_code(string threshold, int code) =>
        Assert.Equal(code, CliRunner.Run("check-policy", CliRunner.Fixture("namespace-mistakes.json"), "--fail-on", threshold).ExitCode);

    [Fact]
    public void A_malformed_policy_is_a_finding_not_a_usage_error()
    {
        var result = CliRunner.Run("check-policy", CliRunner.Fixture("broken.json"), "--fail-on", "high");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("IMA107", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("imaudit: exit 1: 1 finding at or above `--fail-on high` (1 high)\n", result.Stderr);
    }

    [Fact]
    public void The_current_resolver_access_policy_has_nothing_at_medium_or_above()
    {
        var result = CliRunner.Run("check-policy", CliRunner.Fixture("resolver-access-v2.json"), "--fail-on", "medium", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.All(json.RootElement.GetProperty("findings").EnumerateArray(), f => Assert.Equal("low", f.GetProperty("severity").GetString()));
    }

    [Fact]
    public void A_correct_ram_style_response_plan_share_has_nothing_at_medium_or_above()
    {
        // The AWS CLI documentation's put-resource-policy example: a plan and its incident records shared with 222233334444.
        var share = CliRunner.Fixture("response-plan-share.json");
        const string plan = "arn:aws:ssm-incidents::111122223333:response-plan/Example-Response-Plan";

        var trusted = CliRunner.Run("check-policy", share, "--type", "resource", "--resource-arn", plan, "--trusted-account", "222233334444", "--fail-on", "medium");
        var untrusted = CliRunner.Run("check-policy", share, "--type", "resource", "--resource-arn", plan, "--fail-on", "medium");

        Assert.Equal((0, "no findings\n"), (trusted.ExitCode, trusted.Stdout));
        Assert.Equal(1, untrusted.ExitCode);
        Assert.Contains("IMA402", untrusted.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "check-policy" }, "exactly one policy file")]
    [InlineData(new[] { "check-policy", "x.json", "--type", "session" }, "must be identity, resource or trust")]
    [InlineData(new[] { "check-policy", "x.json", "--fail-on", "severe" }, "is not a severity")]
    [InlineData(new[] { "check-policy", "/nonexistent.json" }, "cannot read `/nonexistent.json`: no such file")]
    public void Usage_errors_exit_2(string[] args, string message)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }
}
