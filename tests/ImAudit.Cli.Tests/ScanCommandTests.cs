using System.Text.Json;

namespace ImAudit.Cli.Tests;

public sealed class ScanCommandTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "imaudit-scan-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
            Directory.Delete(_out, recursive: true);
    }

    private static string Inventory(string collectionErrors = "") => """
        {"schemaVersion":"1","accountId":"111122223333","partition":"aws",
         "users":[{"name":"ana","arn":"arn:aws:iam::111122223333:user/ana","path":"/",
                   "inlinePolicies":[{"name":"im","document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm-incidents:*","ssm:StartIncident"],"Resource":"*"}]}},
                                     {"name":"broken","document":"{ not json"}]}],
         "collectionErrors":[ERRORS]}
        """.Replace("ERRORS", collectionErrors, StringComparison.Ordinal);

    private string WriteInput(string json)
    {
        Directory.CreateDirectory(_out);
        var path = Path.Combine(_out, "inventory.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Writes_report_json_and_markdown_and_prints_a_summary()
    {
        var input = WriteInput(Inventory());
        var reports = Path.Combine(_out, "report");

        var result = CliRunner.Run("scan", input, "--out", reports);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("findings:", result.Stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(reports, "report.json")));
        var ids = json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "IMA104", "IMA107", "IMA301", "IMA302", "IMA303" }, ids);
        Assert.True(json.RootElement.GetProperty("complete").GetBoolean());
        Assert.Equal("arn:aws:iam::111122223333:user/ana", json.RootElement.GetProperty("principals")[0].GetProperty("arn").GetString());
        Assert.Contains("## Findings", File.ReadAllText(Path.Combine(reports, "report.md")), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(reports, "*.tmp-*"));
    }

    [Fact]
    public void Docs_url_links_each_rule_to_its_page_in_the_html_and_the_asff_findings()
    {
        var reports = Path.Combine(_out, "report");

        var result = CliRunner.Run("scan", WriteInput(Inventory()), "--out", reports, "--docs-url", "https://git.example.com/sec/imaudit/-/blob/main");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("https://git.example.com/sec/imaudit/-/blob/main/docs/rules/IMA301.md", File.ReadAllText(Path.Combine(reports, "report.html")), StringComparison.Ordinal);
        using var asff = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(reports, "asff", "batch-001.json")));
        Assert.All(asff.RootElement.GetProperty("Findings").EnumerateArray(), f => Assert.StartsWith("https://git.example.com/sec/imaudit/-/blob/main/docs/rules/IMA",
            f.GetProperty("Remediation").GetProperty("Recommendation").GetProperty("Url").GetString(), StringComparison.Ordinal));
        var bad = CliRunner.Run("scan", WriteInput(Inventory()), "--out", reports, "--docs-url", "javascript:alert(1)");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("imaudit: --docs-url `javascript:alert(1)` is not an http(s) URL", bad.Stderr.Trim());
    }

    [Theory]
    [InlineData("high", 1)]
    [InlineData("critical", 0)]
    public void Fail_on_sets_the_exit_code(string threshold, int code) =>
        Assert.Equal(code, CliRunner.Run("scan", WriteInput(Inventory()), "--out", Path.Combine(_out, "r"), "--fail-on", threshold).ExitCode);

    [Fact]
    public void An_incomplete_audit_exits_3_with_fail_on()
    {
        var input = WriteInput(Inventory("""{"service":"ssm-contacts","operation":"GetContactPolicy","resource":"arn:aws:ssm-contacts:us-east-1:111122223333:contact/x","code":"AccessDeniedException","message":"denied"}"""));

        var result = CliRunner.Run("scan", input, "--out", Path.Combine(_out, "r"), "--fail-on", "critical");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("coverage: INCOMPLETE", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_authorization_details_output_as_is()
    {
        var result = CliRunner.Run("scan", CliRunner.Fixture("authorization-details.json"), "--out", Path.Combine(_out, "r"), "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("2", json.RootElement.GetProperty("schemaVersion").GetString());
    }

    [Theory]
    [InlineData("""{"hello":"world"}""", "is neither an ImAudit inventory nor")]
    [InlineData("""{"schemaVersion":"1",""", "not valid JSON")]
    public void Unreadable_input_exits_2_and_writes_nothing(string json, string message)
    {
        var reports = Path.Combine(_out, "never");

        var result = CliRunner.Run("scan", WriteInput(json), "--out", reports);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(reports));
    }

    [Fact]
    public void A_policy_nested_70_levels_deep_is_one_finding_and_the_rest_is_audited()
    {
        // Regression (issue 13): the whole inventory was refused ("line 1: not valid JSON", no column, no reason).
        var deep = string.Concat(Enumerable.Repeat("[", 70)) + string.Concat(Enumerable.Repeat("]", 70));
        var json = $$$"""
            {"UserDetailList":[
              {"UserName":"deep","Arn":"arn:aws:iam::111122223333:user/deep","UserPolicyList":[{"PolicyName":"p","PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{{{deep}}}}]}}]},
              {"UserName":"ops","Arn":"arn:aws:iam::111122223333:user/ops","UserPolicyList":[{"PolicyName":"p","PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"*"}]}}]}]}
            """;

        var result = CliRunner.Run("scan", WriteInput(json), "--out", Path.Combine(_out, "deep"), "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var report = JsonDocument.Parse(result.Stdout);
        var findings = report.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("ruleId").GetString() == "IMA107" && f.GetProperty("resource").GetString()!.EndsWith("user/deep", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.GetProperty("ruleId").GetString() == "IMA303" && f.GetProperty("resource").GetString()!.EndsWith("user/ops", StringComparison.Ordinal));
    }

    [Fact]
    public void An_input_nested_past_any_inventory_is_refused_with_where_and_why()
    {
        var json = "{\"UserDetailList\":" + string.Concat(Enumerable.Repeat("[", 600)) + string.Concat(Enumerable.Repeat("]", 600)) + "}";

        var result = CliRunner.Run("scan", WriteInput(json), "--out", Path.Combine(_out, "never"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 1, byte ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("depth", result.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void With_no_path_the_embedded_demo_account_fires_every_rule()
    {
        var reports = Path.Combine(_out, "demo");

        var result = CliRunner.Run("scan", "--out", reports);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ImAudit — account 111122223333 (embedded demo account)", result.Stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(reports, "report.json")));
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var fired = findings.Select(f => f.GetProperty("ruleId").GetString()).ToHashSet();
        Assert.Equal(ImAudit.Engine.Rules.RuleRegistry.All.Select(r => r.Id).Where(id => !ImAudit.Engine.Rules.RuleRegistry.IsDrift(id) && !ImAudit.Engine.Rules.RuleRegistry.IsOrganizationOnly(id)).Order(), fired.Order());
        Assert.True(File.ReadAllText(Path.Combine(reports, "report.md")).Length > 1000);
    }

    [Theory]
    [InlineData("user/alice")]
    [InlineData("user/ivan")]
    [InlineData("role/RunbookRole-Payments")]
    [InlineData("role/IncidentManagerReader")]
    [InlineData("role/ChatOpsIncidentStarter")]
    [InlineData("role/OnCallPager")]
    [InlineData("role/BoundedOperator")]
    [InlineData("role/ArtifactsBuilder")]
    public void The_demo_accounts_clean_counterparts_have_nothing_at_medium_or_above(string principal)
    {
        var result = CliRunner.Run("scan", "--out", Path.Combine(_out, "demo"), "--format", "json");

        using var json = JsonDocument.Parse(result.Stdout);
        var serious = json.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("resource").GetString()!.EndsWith(":" + principal, StringComparison.Ordinal))
            .Where(f => f.GetProperty("severity").GetString() is "critical" or "high" or "medium")
            .Select(f => f.GetProperty("message").GetString());
        Assert.Empty(serious);
    }

    [Fact]
    public void The_demo_baseline_configuration_trusts_the_partner_maps_admins_and_suppresses()
    {
        var result = CliRunner.Run("scan", CliRunner.Fixture("demo-account/inventory.json"), "--baseline", CliRunner.Fixture("demo-account/baseline.json"),
            "--out", Path.Combine(_out, "demo"), "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (Rule: f.GetProperty("ruleId").GetString()!, Resource: f.GetProperty("resource").GetString()!)).ToList();
        Assert.DoesNotContain(findings, f => f.Rule == "IMA402" && (f.Resource.EndsWith("response-plan/Payments", StringComparison.Ordinal) || f.Resource.EndsWith("contact/primary", StringComparison.Ordinal)));
        Assert.Contains(findings, f => f.Rule == "IMA402" && f.Resource.EndsWith("response-plan/Checkout", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Rule is "IMA301" or "IMA302" && f.Resource.EndsWith("user/carol", StringComparison.Ordinal));
        Assert.Equal("IMA304", json.RootElement.GetProperty("suppressed")[0].GetProperty("ruleId").GetString());
        Assert.Equal("IMA303", json.RootElement.GetProperty("expiredSuppressions")[0].GetProperty("rule").GetString());
        Assert.Equal(ImAudit.Engine.Rules.RuleRegistry.All.Select(r => r.Id).Where(id => !ImAudit.Engine.Rules.RuleRegistry.IsDrift(id) && !ImAudit.Engine.Rules.RuleRegistry.IsOrganizationOnly(id)).Order(), findings.Select(f => f.Rule).Distinct().Order());
    }

    [Fact]
    public void A_bad_baseline_file_is_a_usage_error_naming_the_place()
    {
        var bad = Path.Combine(_out, "bad-baseline.json");
        Directory.CreateDirectory(_out);
        File.WriteAllText(bad, """{"suppressions":[{"rule":"IMA304","reason":"x","expires":"soon"}]}""");

        var result = CliRunner.Run("scan", "--baseline", bad, "--out", Path.Combine(_out, "never"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/suppressions/0/expires: `soon` is not a date", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_out, "never")));
    }

    [Fact]
    public void Scan_writes_a_snapshot_and_a_second_scan_with_previous_says_what_is_new_and_resolved()
    {
        var first = Path.Combine(_out, "first");
        var second = Path.Combine(_out, "second");
        var before = WriteInput(Inventory());
        CliRunner.Run("scan", before, "--out", first);
        var after = Path.Combine(_out, "after.json");
        File.WriteAllText(after, Inventory().Replace("\"ssm-incidents:*\",\"ssm:StartIncident\"", "\"ssm-incidents:GetResponsePlan\",\"ssm-incidents:DeleteResponsePlan\"", StringComparison.Ordinal));

        var result = CliRunner.Run("scan", after, "--previous", first, "--out", second, "--format", "json");
        var text = CliRunner.Run("scan", after, "--previous", Path.Combine(first, "snapshot.json"), "--out", second);

        Assert.True(File.Exists(Path.Combine(first, "snapshot.json")));
        Assert.Equal(0, result.ExitCode);
        using var report = JsonDocument.Parse(result.Stdout);
        var drift = report.RootElement.GetProperty("drift");
        Assert.NotEqual(0, drift.GetProperty("new").GetArrayLength());
        Assert.NotEqual(0, drift.GetProperty("resolved").GetArrayLength());
        Assert.Contains(drift.GetProperty("resolved").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "IMA104");
        Assert.Matches(@"since the previous run \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\): \d+ new, \d+ resolved, \d+ persisting", text.Stdout);
        Assert.StartsWith("# ImAudit report", File.ReadAllText(Path.Combine(second, "report.md")), StringComparison.Ordinal);
        Assert.Contains("### New findings", File.ReadAllText(Path.Combine(second, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_previous_snapshot_of_another_account_is_refused()
    {
        var input = WriteInput(Inventory().Replace("111122223333", "444455556666", StringComparison.Ordinal));
        CliRunner.Run("scan", "--out", Path.Combine(_out, "demo"));

        var result = CliRunner.Run("scan", input, "--previous", Path.Combine(_out, "demo"), "--out", Path.Combine(_out, "r"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("444455556666", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("is a snapshot of account", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing-dir-or-file", "does not exist")]
    [InlineData("empty-dir", "holds no snapshot.json")]
    [InlineData("not-a-snapshot", "is not an ImAudit snapshot")]
    public void An_unusable_previous_snapshot_is_a_usage_error_naming_it(string kind, string message)
    {
        Directory.CreateDirectory(_out);
        var input = WriteInput(Inventory());
        var previous = kind switch
        {
            "empty-dir" => Directory.CreateDirectory(Path.Combine(_out, "empty")).FullName,
            "not-a-snapshot" => input,
            _ => Path.Combine(_out, "nowhere"),
        };

        var result = CliRunner.Run("scan", input, "--previous", previous, "--out", Path.Combine(_out, "r"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_out, "r")));
    }

    [Fact]
    public void Scan_writes_asff_batches_for_security_hub_and_prints_them_with_format_asff()
    {
        var reports = Path.Combine(_out, "asff-run");
        Directory.CreateDirectory(Path.Combine(reports, "asff"));
        File.WriteAllText(Path.Combine(reports, "asff", "batch-009.json"), "{}");

        var result = CliRunner.Run("scan", "--out", reports, "--format", "asff", "--region", "eu-west-1");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["batch-001.json"], Directory.GetFiles(Path.Combine(reports, "asff")).Select(Path.GetFileName));
        using var batch = JsonDocument.Parse(File.ReadAllText(Path.Combine(reports, "asff", "batch-001.json")));
        var findings = batch.RootElement.GetProperty("Findings");
        Assert.InRange(findings.GetArrayLength(), 1, 100);
        Assert.All(findings.EnumerateArray(), f => Assert.StartsWith("arn:aws:securityhub:eu-west-1:111122223333:product/", f.GetProperty("ProductArn").GetString(), StringComparison.Ordinal));
        using var printed = JsonDocument.Parse(result.Stdout);
        Assert.Equal(findings.GetArrayLength(), printed.RootElement.GetProperty("Findings").GetArrayLength());
    }

    // Regression (issue 13, found by the fuzz test): a property name escaping a lone UTF-16 surrogate, placed after
    // the fields read, made their lookups throw: scan crashed with a stack trace.
    [Theory]
    [InlineData("inventory")]
    [InlineData("authorization-details")]
    public void Regression_a_lone_surrogate_in_a_property_name_is_read_around(string format)
    {
        var json = format == "inventory" ? Inventory() : File.ReadAllText(CliRunner.Fixture("authorization-details.json"));
        json = json.TrimEnd()[..^1] + ", \"\\ud800\\ud800\\ud800\\ud800\\ud800\\ud800\\ud800\": {\"Arn\\udfff\": 1}}";

        var result = CliRunner.Run("scan", WriteInput(json), "--out", Path.Combine(_out, "r"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
    }

    // Regression (found by the fuzz test): a lone surrogate escape in an AWS Organizations output (an account's name)
    // crashed the organization scan.
    [Fact]
    public void Regression_a_lone_surrogate_in_an_organization_file_reads_as_U_FFFD()
    {
        var folder = Path.Combine(_out, "org");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(CliRunner.Fixture("organization"), "*.json"))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var accounts = Path.Combine(folder, "accounts.json");
        File.WriteAllText(accounts, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(accounts), "\"Name\": \"([^\"]*)\"", "\"Name\": \"$1\\ud800\"", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)));
        Assert.Contains("\\ud800", File.ReadAllText(accounts), StringComparison.Ordinal);

        var result = CliRunner.Run("scan", folder, "--out", Path.Combine(_out, "r"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("central\uFFFD", File.ReadAllText(Path.Combine(_out, "r", "report.md")), StringComparison.Ordinal);
    }
}
