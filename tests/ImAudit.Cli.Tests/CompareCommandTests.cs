using System.Text.Json;

namespace ImAudit.Cli.Tests;

public class CompareCommandTests
{
    [Fact]
    public void Ssm_incidents_star_against_resolver_access_reports_the_exact_excess()
    {
        var result = CliRunner.Run("compare", CliRunner.Fixture("ssm-incidents-admin.json"), "--baseline", "AWSIncidentManagerResolverAccess", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Golden.AssertMatches("compare-admin-vs-resolver.json", result.Stdout.Replace(CliRunner.Fixture(""), "Fixtures", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(result.Stdout);
        var excess = json.RootElement.GetProperty("excess").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.False(json.RootElement.GetProperty("subset").GetBoolean());
        Assert.Contains("ssm-incidents:DeleteResponsePlan", excess);
        Assert.DoesNotContain("ssm-incidents:StartIncident", excess);
        Assert.Equal(18, excess.Count);
    }

    [Fact]
    public void Resolver_access_v2_against_v1_is_exactly_start_engagement()
    {
        var result = CliRunner.Run("compare", CliRunner.Fixture("resolver-access-v2.json"), "--baseline", "AWSIncidentManagerResolverAccess@v1", "--format", "json");

        using var json = JsonDocument.Parse(result.Stdout);
        var excess = Assert.Single(json.RootElement.GetProperty("excess").EnumerateArray());
        Assert.Equal("ssm-contacts:StartEngagement", excess.GetProperty("action").GetString());
        Assert.Equal("Write", excess.GetProperty("accessLevel").GetString());
        Assert.Equal("AWSIncidentManagerResolverAccess@v1", json.RootElement.GetProperty("baseline").GetString());
    }

    [Fact]
    public void Text_groups_excess_by_access_level()
    {
        var result = CliRunner.Run("compare", CliRunner.Fixture("responders.json"), "--baseline", "AWSIncidentManagerResolverAccess@v1");

        Golden.AssertMatches("compare-responders.txt", result.Stdout.Replace(CliRunner.Fixture(""), "Fixtures", StringComparison.Ordinal));
    }

    [Fact]
    public void Fail_on_excess_exits_1_only_when_there_is_excess()
    {
        Assert.Equal(1, CliRunner.Run("compare", CliRunner.Fixture("ssm-incidents-admin.json"), "--baseline", "AWSIncidentManagerResolverAccess", "--fail-on-excess").ExitCode);
        Assert.Equal(0, CliRunner.Run("compare", CliRunner.Fixture("resolver-access-v2.json"), "--baseline", "AWSIncidentManagerResolverAccess", "--fail-on-excess").ExitCode);
    }

    [Fact]
    public void A_policy_file_can_be_the_baseline()
    {
        var result = CliRunner.Run("compare", CliRunner.Fixture("resolver-access-v2.json"), "--baseline", CliRunner.Fixture("ssm-incidents-admin.json"), "--service", "ssm-incidents");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("within baseline", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AWSIncidentManagerResolverAccess@v7", "no such version (known: v1, v2, v3, v4)")]
    [InlineData("NoSuchPolicy", "neither a known managed policy")]
    public void Unknown_baselines_are_usage_errors(string baseline, string message)
    {
        var result = CliRunner.Run("compare", CliRunner.Fixture("ssm-incidents-admin.json"), "--baseline", baseline);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_policy_names_file_line_and_column()
    {
        var path = CliRunner.Fixture("broken.json");

        var result = CliRunner.Run("compare", path, "--baseline", "AWSIncidentManagerResolverAccess");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"imaudit: `{path}` line 7 column 7 (document root): invalid JSON: 'x' is invalid after a value. Expected either ',', '}}', or ']' (json-syntax)\n".Replace("'x'", "'\"'", StringComparison.Ordinal), result.Stderr);
    }

    [Fact]
    public void A_missing_file_is_a_usage_error()
    {
        var result = CliRunner.Run("compare", "/nonexistent/policy.json", "--baseline", "AWSIncidentManagerResolverAccess");

        Assert.Equal((2, "imaudit: cannot read `/nonexistent/policy.json`: no such file\n"), (result.ExitCode, result.Stderr));
    }
}
