using System.Text.Json;

namespace ImAudit.Cli.Tests;

/// <summary>
/// History by default (issue 15): a scan into a folder it scanned into before compares with the last good run there,
/// keeps each run under history/, and never lets a worse run become the comparison base.
/// </summary>
public sealed class ScanHistoryTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "imaudit-history-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
            Directory.Delete(_out, recursive: true);
    }

    private string Reports => Path.Combine(_out, "reports");

    private string History => Path.Combine(Reports, "history");

    // actions: what user ana may do (bo's access never changes: his findings persist); brokenRead: a failed read of a whole list (not of one resource's ARN).
    private string Input(string actions, bool brokenRead = false)
    {
        Directory.CreateDirectory(_out);
        var errors = brokenRead ? """{"service":"iam","operation":"ListRoles","resource":"roles","code":"AccessDenied","message":"denied"}""" : "";
        var path = Path.Combine(_out, $"inventory-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$$"""
            {"schemaVersion":"1","accountId":"111122223333","partition":"aws",
             "users":[{"name":"ana","arn":"arn:aws:iam::111122223333:user/ana","path":"/",
                       "inlinePolicies":[{"name":"im","document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[{{{actions}}}],"Resource":"*"}]}}]},
                      {"name":"bo","arn":"arn:aws:iam::111122223333:user/bo","path":"/",
                       "inlinePolicies":[{"name":"im","document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"*"}]}}]}],
             "collectionErrors":[{{{errors}}}]}
            """);
        return path;
    }

    private const string Wide = "\"ssm-incidents:*\",\"ssm:StartIncident\"";
    private const string Narrow = "\"ssm-incidents:GetResponsePlan\",\"ssm-incidents:DeleteResponsePlan\"";

    private static string GeneratedAt(string reportFolder)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(reportFolder, "report.json")));
        return json.RootElement.GetProperty("generatedAt").GetString()!;
    }

    private static JsonElement? Drift(string reportFolder)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(reportFolder, "report.json")));
        return json.RootElement.TryGetProperty("drift", out var drift) ? drift.Clone() : null;
    }

    private List<string> Runs() => [.. Directory.GetDirectories(History).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Fact]
    public void A_second_scan_into_the_same_folder_reports_new_resolved_and_persisting_new_first()
    {
        var first = CliRunner.Run("scan", Input(Wide), "--out", Reports);
        var second = CliRunner.Run("scan", Input(Narrow), "--out", Reports);

        Assert.Equal(0, first.ExitCode);
        Assert.DoesNotContain("since the previous run", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Matches(@"\n  new since the previous run \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\): \d+ findings?\n    [A-Z]+ +IMA\d{3}  user/ana: ", second.Stdout);
        Assert.Matches(@"since the previous run \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\): [1-9]\d* new, [1-9]\d* resolved, [1-9]\d* persisting", second.Stdout);
        Assert.True(second.Stdout.IndexOf("new since the previous run", StringComparison.Ordinal) < second.Stdout.IndexOf("most severe:", StringComparison.Ordinal));
        Assert.Contains("IMA104", Drift(Reports)!.Value.GetProperty("resolved").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()));
        var runs = Runs();
        Assert.Equal(2, runs.Count);
        Assert.Equal(runs[1], File.ReadAllText(Path.Combine(History, "base")).Trim());
        Assert.All(runs, r => Assert.True(File.Exists(Path.Combine(History, r, "snapshot.json"))));
        Assert.Equal(File.ReadAllText(Path.Combine(Reports, "snapshot.json")), File.ReadAllText(Path.Combine(History, runs[1], "snapshot.json")));
    }

    [Fact]
    public void The_console_ends_with_what_to_do_next()
    {
        var result = CliRunner.Run("scan", Input(Wide), "--out", Reports);

        var next = result.Stdout[result.Stdout.IndexOf("  next:\n", StringComparison.Ordinal)..];
        Assert.Contains($"open {Path.Combine(Reports, "report.html")}", next, StringComparison.Ordinal);
        Assert.Contains("`--baseline FILE`", next, StringComparison.Ordinal);
        Assert.Contains("`--fail-on high`", next, StringComparison.Ordinal);
        Assert.EndsWith("the next run says what is new, resolved and persisting\n", result.Stdout, StringComparison.Ordinal);
    }

    // How many names a file has (Linux: stat's %h).
    private static int Links(string path)
    {
        var start = new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%h", path]) { RedirectStandardOutput = true };
        using var stat = System.Diagnostics.Process.Start(start)!;
        var text = stat.StandardOutput.ReadToEnd();
        stat.WaitForExit();
        return int.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void A_kept_run_shares_the_snapshot_file_instead_of_copying_it()
    {
        CliRunner.Run("scan", Input(Wide), "--out", Reports);
        CliRunner.Run("scan", Input(Narrow), "--out", Reports);

        var newest = Path.Combine(History, Runs()[^1], "snapshot.json");
        Assert.Equal(File.ReadAllBytes(Path.Combine(Reports, "snapshot.json")), File.ReadAllBytes(newest));
        // DIR's snapshot.json and the newest run's are one file (was a second copy of up to tens of MB per run).
        Assert.Equal(2, Links(newest));
    }

    [Fact]
    public void No_previous_opts_out_of_the_comparison_but_keeps_the_run()
    {
        CliRunner.Run("scan", Input(Wide), "--out", Reports);

        var second = CliRunner.Run("scan", Input(Narrow), "--out", Reports, "--no-previous");

        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain("since the previous run", second.Stdout, StringComparison.Ordinal);
        Assert.Null(Drift(Reports));
        Assert.Equal(2, Runs().Count);
    }

    [Fact]
    public void An_explicit_previous_wins_over_the_folders_history()
    {
        var elsewhere = Path.Combine(_out, "elsewhere");
        CliRunner.Run("scan", Input(Narrow), "--out", elsewhere);
        CliRunner.Run("scan", Input(Wide), "--out", Reports);

        CliRunner.Run("scan", Input(Narrow), "--out", Reports, "--previous", elsewhere);

        Assert.Equal(GeneratedAt(elsewhere), Drift(Reports)!.Value.GetProperty("previousGeneratedAt").GetString());
        Assert.Equal(0, Drift(Reports)!.Value.GetProperty("new").GetArrayLength());
    }

    [Fact]
    public void An_incomplete_run_is_kept_but_does_not_become_the_comparison_base()
    {
        CliRunner.Run("scan", Input(Wide), "--out", Reports);
        var good = GeneratedAt(Reports);
        var goodRun = Runs().Single();

        var worse = CliRunner.Run("scan", Input(Narrow, brokenRead: true), "--out", Reports);
        var next = CliRunner.Run("scan", Input(Narrow), "--out", Reports);

        Assert.Contains("imaudit: this run is kept but is not the comparison base: iam ListRoles failed (AccessDenied) and the base run read it", worse.Stderr, StringComparison.Ordinal);
        Assert.Equal(good, Drift(Reports)!.Value.GetProperty("previousGeneratedAt").GetString());
        Assert.Contains("IMA104", Drift(Reports)!.Value.GetProperty("resolved").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()));
        Assert.Equal(3, Runs().Count);
        Assert.NotEqual(goodRun, File.ReadAllText(Path.Combine(History, "base")).Trim());
        Assert.Equal("", next.Stderr);
    }

    [Fact]
    public void Keep_runs_bounds_the_history_and_never_drops_the_base()
    {
        CliRunner.Run("scan", Input(Wide), "--out", Reports);
        var baseRun = Runs().Single();
        for (var i = 0; i < 3; i++)
            CliRunner.Run("scan", Input(Narrow, brokenRead: true), "--out", Reports, "--keep-runs", "2");

        var runs = Runs();
        Assert.Equal(2, runs.Count);
        Assert.Equal(baseRun, runs[0]);
        Assert.Equal(baseRun, File.ReadAllText(Path.Combine(History, "base")).Trim());
    }

    [Fact]
    public void A_folder_written_before_history_existed_is_compared_with_its_snapshot()
    {
        CliRunner.Run("scan", Input(Wide), "--out", Reports);
        Directory.Delete(History, recursive: true);

        var result = CliRunner.Run("scan", Input(Narrow), "--out", Reports);

        Assert.Contains("since the previous run", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_accounts_run_in_the_folder_is_a_warning_not_a_comparison()
    {
        CliRunner.Run("scan", "--out", Reports);
        var other = Input(Wide);
        File.WriteAllText(other, File.ReadAllText(other).Replace("111122223333", "444455556666", StringComparison.Ordinal));

        var result = CliRunner.Run("scan", other, "--out", Reports);

        Assert.Equal(0, result.ExitCode);
        Assert.Null(Drift(Reports));
        Assert.Contains("is a snapshot of account 111122223333, not 444455556666: not compared", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--previous", "x", "--no-previous" }, "--previous names the snapshot to compare with and --no-previous compares with none: give one")]
    [InlineData(new[] { "--keep-runs", "0" }, "--keep-runs `0` is not a number of runs (1 or more)")]
    public void History_options_that_cannot_both_hold_are_a_usage_error(string[] options, string message)
    {
        var result = CliRunner.Run(["scan", "--out", Reports, .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"imaudit: {message}\n", result.Stderr);
        Assert.False(Directory.Exists(Reports));
    }
}
