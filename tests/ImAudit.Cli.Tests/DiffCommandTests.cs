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
