using ImAudit.Aws.Collection;

namespace ImAudit.Cli.Tests;

/// <summary>What a scan says on the console and why it exits as it does (issue 15's console complaints).</summary>
public sealed class ScanConsoleTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "imaudit-console-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
            Directory.Delete(_out, recursive: true);
    }

    private const string UnreadContact = """{"service":"ssm-contacts","operation":"GetContactPolicy","resource":"arn:aws:ssm-contacts:us-east-1:111122223333:contact/x","code":"AccessDeniedException","message":"denied"}""";

    private string Input(string users, string roles = "", string errors = "")
    {
        Directory.CreateDirectory(_out);
        var path = Path.Combine(_out, $"inventory-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$$"""{"schemaVersion":"1","accountId":"111122223333","partition":"aws","users":[{{{users}}}],"roles":[{{{roles}}}],"collectionErrors":[{{{errors}}}]}""");
        return path;
    }

    private static string User(string name, string actions) =>
        $$$"""{"name":"{{{name}}}","arn":"arn:aws:iam::111122223333:user/{{{name}}}","path":"/","inlinePolicies":[{"name":"im","document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[{{{actions}}}],"Resource":"*"}]}}]}""";

    private static string AdminRole(int i) =>
        $$$"""{"name":"Admin{{{i}}}","arn":"arn:aws:iam::111122223333:role/Admin{{{i}}}","path":"/","inlinePolicies":[{"name":"all","document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"*"}]}}]}""";

    [Fact]
    public void Findings_at_or_above_fail_on_take_precedence_over_an_incomplete_audit_and_stderr_says_why()
    {
        // Regression (issue 15): `scan --fail-on high` on the demo exited 3 (incomplete) despite a critical finding, saying nothing.
        var result = CliRunner.Run("scan", Input(User("ana", "\"ssm-incidents:*\""), errors: UnreadContact), "--out", Path.Combine(_out, "r"), "--fail-on", "high");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("coverage: INCOMPLETE", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"^imaudit: exit 1: \d+ findings? at or above `--fail-on high` \(\d+ high\)\n$", result.Stderr);
    }

    [Fact]
    public void The_demo_with_fail_on_high_exits_1_for_its_critical_finding()
    {
        var result = CliRunner.Run("scan", "--out", Path.Combine(_out, "demo"), "--fail-on", "high");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"^imaudit: exit 1: \d+ findings at or above `--fail-on high` \(1 critical, \d+ high\)\n$", result.Stderr);
    }

    [Fact]
    public void An_incomplete_audit_without_findings_at_the_threshold_exits_3_and_says_so()
    {
        var result = CliRunner.Run("scan", Input(User("ana", "\"ssm-incidents:GetResponsePlan\""), errors: UnreadContact), "--out", Path.Combine(_out, "r"), "--fail-on", "critical");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("imaudit: exit 3: no finding at or above `--fail-on critical`, but the audit is incomplete (1 coverage gap, see report.md)\n", result.Stderr);
    }

    [Fact]
    public void A_clean_run_with_fail_on_says_why_it_exits_0_and_without_fail_on_says_nothing()
    {
        var input = Input(User("ana", "\"ssm-incidents:GetResponsePlan\""));

        var gated = CliRunner.Run("scan", input, "--out", Path.Combine(_out, "a"), "--fail-on", "critical");
        var plain = CliRunner.Run("scan", input, "--out", Path.Combine(_out, "b"));

        Assert.Equal(0, gated.ExitCode);
        Assert.Equal("imaudit: exit 0: no finding at or above `--fail-on critical`\n", gated.Stderr);
        Assert.Equal("", plain.Stderr);
    }

    [Fact]
    public void Counts_agree_with_their_nouns()
    {
        // Regression (issue 15): "1 users".
        var result = CliRunner.Run("scan", Input(User("ana", "\"ssm-incidents:GetResponsePlan\"")), "--out", Path.Combine(_out, "r"));

        Assert.Contains("\n  1 user, 0 groups, 0 roles, 0 managed policies, 0 response plans, 0 contacts\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\n  1 policy document audited; 1 principal with Incident Manager access\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Near_identical_findings_on_ten_admin_roles_make_one_line_with_the_count_and_the_first_names()
    {
        // Regression (issue 15): ten near-identical 250-character lines for admin roles.
        var roles = string.Join(",", Enumerable.Range(0, 10).Select(AdminRole));

        var result = CliRunner.Run("scan", Input("", roles), "--out", Path.Combine(_out, "r"));

        var severe = result.Stdout.Split('\n').SkipWhile(l => l != "  most severe:").Skip(1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(severe);
        Assert.All(severe, l => Assert.Contains("10 × role/Admin0, role/Admin1, role/Admin2 and 7 more: ", l, StringComparison.Ordinal));
        var rules = severe.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"IMA\d{3}", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)).Value).ToList();
        Assert.Equal(rules.Distinct().Count(), rules.Count);
    }

    [Fact]
    public void Progress_never_goes_backwards_when_concurrent_readers_report_out_of_order()
    {
        // Regression (issue 15): "3/3" then "2/3".
        using var stderr = new StringWriter();
        var progress = new TerminalProgress(stderr);

        progress.Report(new CollectionProgress("roles", 1, 3));
        progress.Report(new CollectionProgress("roles", 3, 3));
        progress.Report(new CollectionProgress("roles", 2, 3));
        progress.Report(new CollectionProgress("contacts", 1, null));

        var shown = stderr.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Replace("\u001b[K", "", StringComparison.Ordinal)).ToList();
        Assert.Equal(["collecting roles: 1/3", "collecting roles: 3/3", "collecting contacts: 1"], shown);
    }

    [Fact]
    public void Check_policy_with_fail_on_says_why_it_exits_1()
    {
        var result = CliRunner.Run("check-policy", CliRunner.Fixture("namespace-mistakes.json"), "--fail-on", "high");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"^imaudit: exit 1: \d+ findings? at or above `--fail-on high` \(", result.Stderr);
    }
}
