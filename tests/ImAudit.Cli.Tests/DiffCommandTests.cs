using System.Text.Json;

namespace ImAudit.Cli.Tests;

public sealed class DiffCommandTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "imaudit-diff-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
            Directory.Delete(_out, recursive: true);
    }

    // Two runs of one account: the second swaps `ssm-incidents:*` for a delete right.
    private (string Old, string New) TwoRuns()
    {
        Directory.CreateDirectory(_out);
        string Inventory(string actions) => $$$"""
            {"schemaVersion":"1","accountId":"111122223333","partition":"aws",
             "users":[{"name":"ana","arn":"arn:aws:iam::111122223333:user/ana","path":"/",
                       "inlinePolicies":[{"name":"im","document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":{{{actions}}},"Resource":"*"}]}}]}]}
            """;
        File.WriteAllText(Path.Combine(_out, "old.json"), Inventory("\"ssm-incidents:*\""));
        File.WriteAllText(Path.Combine(_out, "new.json"), Inventory("[\"ssm-incidents:GetResponsePlan\",\"ssm-incidents:DeleteResponsePlan\"]"));
        Assert.Equal(0, CliRunner.Run("scan", Path.Combine(_out, "old.json"), "--out", Path.Combine(_out, "r1")).ExitCode);
        Assert.Equal(0, CliRunner.Run("scan", Path.Combine(_out, "new.json"), "--out", Path.Combine(_out, "r2")).ExitCode);
        return (Path.Combine(_out, "r1"), Path.Combine(_out, "r2", "snapshot.json"));
    }

    [Fact]
    public void Diff_lists_new_then_resolved_findings_between_two_runs()
    {
        var (old, current) = TwoRuns();

        var text = CliRunner.Run("diff", old, current);
        var json = CliRunner.Run("diff", old, current, "--format", "json");
        var md = CliRunner.Run("diff", old, current, "--format", "md");

        Assert.Equal(0, text.ExitCode);
        Assert.Matches(@"^account 111122223333: .* UTC: [1-9]\d* new, [1-9]\d* resolved, \d+ persisting", text.Stdout);
        Assert.True(text.Stdout.IndexOf("  NEW ", StringComparison.Ordinal) < text.Stdout.IndexOf("  RESOLVED ", StringComparison.Ordinal));
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Equal("1", document.RootElement.GetProperty("schemaVersion").GetString());
        Assert.Contains(document.RootElement.GetProperty("resolvedFindings").GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "IMA303");
        Assert.Contains(document.RootElement.GetProperty("newFindings").GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "IMA301");
        Assert.Contains("## New findings", md.Stdout, StringComparison.Ordinal);
        Assert.Contains("## Resolved", md.Stdout, StringComparison.Ordinal);
    }

    // Issue 14: report.json schema 2 states shared reach once (groups). A snapshot an earlier ImAudit wrote (schema 1,
    // the whole report inside) must still be read, and the same account must not come out as all new.
    [Fact]
    public void A_snapshot_of_the_earlier_schema_compares_by_the_same_fingerprints()
    {
        var old = CliRunner.Fixture("snapshot-schema1-demo.json");
        var reports = Path.Combine(_out, "demo");

        var scan = CliRunner.Run("scan", "--out", reports, "--previous", old);
        var diff = CliRunner.Run("diff", old, reports, "--format", "json");

        Assert.Equal(0, scan.ExitCode);
        using var report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(reports, "report.json")));
        var drift = report.RootElement.GetProperty("drift");
        Assert.Empty(drift.GetProperty("new").EnumerateArray());
        Assert.Empty(drift.GetProperty("resolved").EnumerateArray());
        Assert.Equal(report.RootElement.GetProperty("findings").GetArrayLength(), drift.GetProperty("persisting").GetInt32());
        Assert.Equal(0, diff.ExitCode);
        using var json = JsonDocument.Parse(diff.Stdout);
        Assert.Empty(json.RootElement.GetProperty("newFindings").GetProperty("findings").EnumerateArray());
        Assert.Empty(json.RootElement.GetProperty("resolvedFindings").GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public void Fail_on_gates_on_new_findings_only()
    {
        var (old, current) = TwoRuns();

        Assert.Equal(1, CliRunner.Run("diff", old, current, "--fail-on", "high").ExitCode);
        Assert.Equal(0, CliRunner.Run("diff", current, current, "--fail-on", "info").ExitCode);
    }

    [Theory]
    [InlineData(1, "diff takes two snapshots")]
    [InlineData(3, "diff takes two snapshots")]
    public void Diff_needs_exactly_two_snapshots(int count, string message)
    {
        var result = CliRunner.Run(["diff", .. Enumerable.Repeat("x", count)]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }
}
