using System.Text.Json;
using ImAudit.AwsEmulator;
using ImAudit.Engine.Inventory;
using Microsoft.AspNetCore.Builder;

namespace ImAudit.Cli.Tests;

/// <summary><c>imaudit scan --live</c> against the AWS API emulator serving the demo account over HTTP.</summary>
public sealed class LiveScanTests : DemoEmulatorTests
{
    private Dictionary<string, string> Environment(string secret = "test") => new()
    {
        ["AWS_ACCESS_KEY_ID"] = "test", ["AWS_SECRET_ACCESS_KEY"] = secret, ["AWS_REGION"] = "us-east-1", ["AWS_ENDPOINT_URL"] = Url,
    };

    [Fact]
    public void A_live_scan_of_the_emulated_demo_account_finds_exactly_what_the_offline_scan_finds()
    {
        var live = CliRunner.Run(["scan", "--live", "--out", Path.Combine(Out, "live"), "--format", "json"], Environment());
        var offline = CliRunner.Run(["scan", CliRunner.Fixture("demo-account/inventory.json"), "--out", Path.Combine(Out, "offline"), "--format", "json"], Environment());

        Assert.Equal(0, live.ExitCode);
        Assert.Equal(Findings(offline.Stdout), Findings(live.Stdout));
        Assert.Contains("collected account 111122223333 (us-east-1, us-west-2)", live.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Out, "live", "report.json")));
    }

    [Fact]
    public void A_role_to_assume_is_assumed_first_and_the_audit_runs_with_its_credentials()
    {
        var result = CliRunner.Run(["scan", "--live", "--role-arn", "arn:aws:iam::111122223333:role/RunbookRole-Payments", "--out", Out, "--format", "json"], Environment());
        var refused = CliRunner.Run(["scan", "--live", "--role-arn", "arn:aws:iam::111122223333:role/Nobody", "--out", Out], Environment());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, Emulator.Requests.Count("sts", "AssumeRole"));
        Assert.NotEmpty(Findings(result.Stdout));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("cannot assume `arn:aws:iam::111122223333:role/Nobody`: AccessDenied", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_the_service_refuses_make_an_incomplete_audit_that_says_why()
    {
        var result = CliRunner.Run(["scan", "--live", "--out", Out, "--fail-on", "high"], Environment(secret: "wrong"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("could not be read", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("SignatureDoesNotMatch", File.ReadAllText(Path.Combine(Out, "report.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "scan", "inventory.json", "--live" }, "a PATH or --live, not both")]
    [InlineData(new[] { "scan", "--profile", "audit" }, "go with --live")]
    [InlineData(new[] { "scan", "--live", "--timeout", "soon" }, "--timeout `soon`")]
    public void Live_options_are_checked(string[] args, string message)
    {
        var result = CliRunner.Run(args, Environment());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void No_region_anywhere_is_a_usage_error_naming_AWS_REGION()
    {
        var environment = Environment();
        environment.Remove("AWS_REGION");
        environment["AWS_CONFIG_FILE"] = "/nonexistent";

        var result = CliRunner.Run(["scan", "--live"], environment);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("AWS_REGION", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_runs_the_function_in_process_with_an_event_and_writes_the_reports_locally()
    {
        var result = CliRunner.Run(["invoke", CliRunner.Fixture("events/scheduler.json"), "--out", Out], Environment());

        Assert.Equal(0, result.ExitCode);
        using var summary = JsonDocument.Parse(result.Stdout);
        Assert.Equal("scheduler", summary.RootElement.GetProperty("trigger").GetString());
        Assert.All(summary.RootElement.GetProperty("reports").EnumerateArray(), r => Assert.True(File.Exists(Path.Combine(Out, r.GetString()!))));
        Assert.Contains("\"_aws\"", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_with_a_report_bucket_writes_to_s3()
    {
        Emulator.S3.CreateBucket("reports");
        var environment = Environment();
        environment["IMAUDIT_REPORT_BUCKET"] = "reports";

        var result = CliRunner.Run(["invoke", CliRunner.Fixture("events/on-demand.json")], environment);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(Emulator.S3.Objects("reports").Keys, k => k.StartsWith("imaudit/runs/on-demand/", StringComparison.Ordinal) && k.EndsWith("/report.json", StringComparison.Ordinal));
    }

    [Fact]
    public void Invoke_refuses_a_bad_event_naming_the_file()
    {
        var bad = Path.Combine(Path.GetTempPath(), "imaudit-bad-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(bad, """{"dryRun":"maybe"}""");

        var result = CliRunner.Run(["invoke", bad], Environment());
        File.Delete(bad);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("`dryRun` must be true or false", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(bad), result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_security_hub_that_refuses_the_import_is_exit_2_and_the_reports_are_still_written()
    {
        // The emulator serves no Security Hub: the call is refused, as an account without Security Hub would.
        var result = CliRunner.Run(["scan", "--out", Out, "--security-hub"], Environment());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Security Hub refused the import", result.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Out, "asff", "batch-001.json")));
    }

    private static List<(string, string)> Findings(string reportJson)
    {
        using var document = JsonDocument.Parse(reportJson);
        return [.. document.RootElement.GetProperty("findings").EnumerateArray().Select(f => (f.GetProperty("ruleId").GetString()!, f.GetProperty("fingerprint").GetString()!))];
    }
}
