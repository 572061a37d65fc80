using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ImAudit.AwsEmulator;
using ImAudit.Engine.Inventory;
using ImAudit.LambdaRuntimeHost;
using Microsoft.AspNetCore.Builder;

namespace ImAudit.Function.Tests;

/// <summary>
/// End to end without Docker: the AOT bootstrap under the runtime API host, AWS pointed at the emulator serving the
/// demo account (with an in-memory report bucket), invoked with every event in <c>events/</c>.
/// </summary>
[Collection(BootstrapCollection.Name)]
public sealed class LocalInvokeTests(BootstrapFixture bootstrap) : IAsyncLifetime
{
    private const string Bucket = LocalFunction.Bucket;
    private readonly LocalFunction _function = new(bootstrap.Path, TimeSpan.FromMinutes(2));

    public Task InitializeAsync() =>
        _function.StartAsync(InventoryJson.Read(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "demo-inventory.json")), "demo").Inventory!);

    public async Task DisposeAsync() => await _function.DisposeAsync();

    private void Start(params (string Name, string Value)[] extra) => _function.StartBootstrap([("AWS_LAMBDA_LOG_FORMAT", "JSON"), .. extra]);

    private async Task<JsonElement> Invoke(string eventFile)
    {
        var result = await _function.Host.InvokeAsync(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "events", eventFile)));
        Assert.False(result.IsError, $"{eventFile}: {result.ErrorType} {Encoding.UTF8.GetString(result.Body)}\n{_function.Output}");
        return JsonDocument.Parse(result.Body).RootElement.Clone();
    }

    [Fact]
    public async Task Every_event_is_answered_with_a_summary_and_leaves_its_reports_in_the_bucket()
    {
        Start();

        foreach (var file in new[] { "scheduled-rule.json", "scheduler.json", "generated-scheduled.json", "on-demand.json" })
        {
            var before = _function.Emulator.S3.Objects(Bucket).Keys.ToHashSet();
            var summary = await Invoke(file);

            Assert.Equal("111122223333", summary.GetProperty("accountId").GetString());
            var reports = summary.GetProperty("reports").EnumerateArray().Select(r => r.GetString()!).ToList();
            Assert.Equal(["inventory.json", "report.html", "report.json", "report.md"], reports.Select(r => r[(r.LastIndexOf('/') + 1)..]).Where(n => !n.StartsWith("batch-", StringComparison.Ordinal)).Order());
            Assert.Contains(reports, r => r.EndsWith("/asff/batch-001.json", StringComparison.Ordinal));
            Assert.All(reports, key => Assert.Contains(key, _function.Emulator.S3.Objects(Bucket).Keys));
            Assert.All(reports, key => Assert.DoesNotContain(key, before));
            using var report = JsonDocument.Parse(_function.Emulator.S3.Objects(Bucket)[reports.Single(r => r.EndsWith("report.json", StringComparison.Ordinal))].Body);
            Assert.Equal(summary.GetProperty("counts").GetProperty("high").GetInt32(),
                report.RootElement.GetProperty("findings").EnumerateArray().Count(f => f.GetProperty("severity").GetString() == "high"));
            await Task.Delay(1100); // run keys are timestamped to the second
        }
        Assert.Contains(_function.Emulator.S3.Objects(Bucket).Keys, k => k.StartsWith("imaudit/runs/on-demand/", StringComparison.Ordinal));
        Assert.Equal(1, _function.Emulator.Requests.Count("sts", "AssumeRole"));
        Assert.Contains("\"_aws\":{\"Timestamp\"", _function.Output.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"level\":\"INFO\"", _function.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_answers_and_writes_nothing()
    {
        Start();

        var summary = await Invoke("on-demand-dry-run.json");

        Assert.True(summary.GetProperty("dryRun").GetBoolean());
        Assert.Empty(_function.Emulator.S3.Objects(Bucket));
    }

    [Fact]
    public async Task A_bad_event_is_an_invocation_error_and_a_missing_bucket_an_init_error()
    {
        Start();
        var bad = await _function.Host.InvokeAsync("""{"regions":"us-east-1"}"""u8.ToArray());

        Assert.True(bad.IsError);
        Assert.Equal("InvalidEvent", bad.ErrorType);

        _function.Process!.Kill();
        await _function.Process.WaitForExitAsync();
        Start(("IMAUDIT_REPORT_BUCKET", ""));
        var init = await _function.Host.InitError.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("Runtime.InitError", init.ErrorType);
        Assert.Contains("IMAUDIT_REPORT_BUCKET", Encoding.UTF8.GetString(init.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_organization_audits_events_audit_a_member_under_its_role_fail_a_refused_role_and_answer_the_aggregate()
    {
        var demo = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "demo-inventory.json"));
        // Without the demo's recorded gap, so that a member's audit is complete and replaces its snapshot.
        AccountInventory As(string account) =>
            InventoryJson.Read(Encoding.UTF8.GetBytes(demo.Replace("111122223333", account, StringComparison.Ordinal)), account).Inventory! with { CollectionErrors = [] };
        var (organization, app, url) = await EmulatorApp.StartLocalAsync([As("999900001111"), As("444455556666"), As("777788889999")],
            new EmulatorOptions("999900001111") { DenyAssume = new HashSet<string> { "777788889999" } });
        await using var _ = app;
        organization.S3.CreateBucket(Bucket);
        Start(("AWS_ENDPOINT_URL", url), ("IMAUDIT_EXTERNAL_ID", "imaudit-7f3a"));

        var member = await Invoke("organization-account.json");
        var refused = await _function.Host.InvokeAsync("""{"accountId":"777788889999","roleArn":"arn:aws:iam::777788889999:role/ImAuditMemberRole"}"""u8.ToArray());
        var aggregate = await Invoke("organization-aggregate.json");

        Assert.Equal("444455556666", member.GetProperty("accountId").GetString());
        Assert.True(member.GetProperty("snapshotUpdated").GetBoolean());
        Assert.Contains("imaudit/snapshots/444455556666/latest.json", organization.S3.Objects(Bucket).Keys);
        Assert.True(refused.IsError);
        Assert.Contains("777788889999", Encoding.UTF8.GetString(refused.Body), StringComparison.Ordinal);
        Assert.DoesNotContain(organization.S3.Objects(Bucket).Keys, k => k.Contains("777788889999", StringComparison.Ordinal));
        // The event's management account was never audited here (no snapshot): not audited, with the refused member.
        Assert.Equal((4, 1, 2, 1, false), (aggregate.GetProperty("accounts").GetInt32(), aggregate.GetProperty("audited").GetInt32(),
            aggregate.GetProperty("failed").GetInt32(), aggregate.GetProperty("skipped").GetInt32(), aggregate.GetProperty("complete").GetBoolean()));
        var report = aggregate.GetProperty("reports").EnumerateArray().Select(r => r.GetString()!).Single(r => r.EndsWith("/report.json", StringComparison.Ordinal));
        using var organizationReport = JsonDocument.Parse(organization.S3.Objects(Bucket)[report].Body);
        Assert.Equal(["444455556666"], organizationReport.RootElement.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("accountId").GetString()));
    }

    [Fact]
    public void The_bootstrap_needs_no_glibc_newer_than_2_34()
    {
        var versions = System.Text.RegularExpressions.Regex.Matches(Encoding.Latin1.GetString(File.ReadAllBytes(bootstrap.Path)), @"GLIBC_2\.(\d+)")
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.NotEmpty(versions);
        Assert.InRange(versions.Max(), 0, 34);
    }
}
