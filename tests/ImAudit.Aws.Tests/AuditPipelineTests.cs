using System.Text.Json;
using ImAudit.Aws.Pipeline;
using ImAudit.Aws.Storage;
using ImAudit.AwsEmulator;

namespace ImAudit.Aws.Tests;

/// <summary>The function's pipeline against the emulator (collection over HTTP) with reports in a local store.</summary>
[Collection("emulator")]
public sealed class AuditPipelineTests(EmulatorFixture fixture, MotoFixture moto) : IClassFixture<MotoFixture>, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "imaudit-pipeline-" + Guid.NewGuid().ToString("N"));
    private readonly List<(string Level, string Message)> _log = [];

    public void Dispose()
    {
        fixture.Emulator.Faults.Clear();
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    private AuditPipeline Pipeline(IReportStore store, FunctionSettings? settings = null) =>
        new(_ => fixture.Clients(), store, settings ?? new FunctionSettings("bucket", "imaudit/", null, [], null, TimeSpan.FromSeconds(5)), TimeProvider.System,
            (level, message) => _log.Add((level, message)));

    [Fact]
    public async Task A_scheduled_run_writes_its_reports_and_the_snapshot_and_one_metrics_line()
    {
        var store = new DirectoryReportStore(_root);

        var summary = await Pipeline(store).RunAsync(AuditRequest.Scheduled, DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.Equal(fixture.Inventory.AccountId, summary.AccountId);
        Assert.All(summary.ReportKeys, k => Assert.StartsWith("imaudit/runs/", k, StringComparison.Ordinal));
        Assert.Equal(summary.ReportKeys.Order(StringComparer.Ordinal), (await store.ListAsync("imaudit/runs/")).Order(StringComparer.Ordinal));
        var metrics = Assert.Single(_log, l => l.Level == "METRICS").Message;
        using var emf = JsonDocument.Parse(metrics);
        Assert.Equal("ImAudit", emf.RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Namespace").GetString());
        Assert.Equal(summary.High, emf.RootElement.GetProperty("HighFindings").GetInt32());
        Assert.Equal(summary.NewHigh, emf.RootElement.GetProperty("NewHighFindings").GetInt32());
        // The demo account records one unreadable contact policy: incomplete, so the snapshot is not written.
        Assert.False(summary.Complete);
        Assert.False(summary.SnapshotUpdated);
        Assert.Null(await store.ReadAsync($"imaudit/snapshots/{summary.AccountId}/latest.json"));
    }

    [Fact]
    public async Task A_dry_run_writes_nothing()
    {
        var store = new DirectoryReportStore(_root);

        var summary = await Pipeline(store).RunAsync(AuditRequest.Scheduled with { DryRun = true }, DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.True(summary.DryRun);
        Assert.NotEmpty(summary.ReportKeys);
        Assert.Empty(await store.ListAsync(""));
    }

    [Fact]
    public async Task A_complete_run_replaces_the_snapshot_only_over_the_version_it_read()
    {
        var store = new DirectoryReportStore(_root);
        var complete = fixture.Inventory with { CollectionErrors = [] };
        using var emulatorWithoutGaps = new EmulatorOwn(complete);
        var own = new AuditPipeline(_ => emulatorWithoutGaps.Fixture.Clients(), store, new FunctionSettings("b", "imaudit/", null, [], null, TimeSpan.FromSeconds(5)), TimeProvider.System, (_, _) => { });
        await emulatorWithoutGaps.StartAsync();

        var first = await own.RunAsync(AuditRequest.Scheduled, DateTimeOffset.UtcNow.AddMinutes(5));
        var snapshot = await store.ReadAsync($"imaudit/snapshots/{first.AccountId}/latest.json");
        var second = await own.RunAsync(AuditRequest.Scheduled, DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.True(first.Complete);
        Assert.True(first.SnapshotUpdated);
        Assert.True(second.SnapshotUpdated);
        // New is measured against the last good snapshot: everything on the first run, nothing on an unchanged second.
        Assert.Equal(first.Critical + first.High + first.Medium + first.Low + first.Info, first.New);
        Assert.Equal((first.Critical, first.High), (first.NewCritical, first.NewHigh));
        Assert.Equal((0, 0, 0), (second.New, second.NewCritical, second.NewHigh));
        using var document = JsonDocument.Parse(snapshot!.Body);
        Assert.Equal(first.AccountId, document.RootElement.GetProperty("inventory").GetProperty("accountId").GetString());
        Assert.Equal(first.High, document.RootElement.GetProperty("report").GetProperty("findings").EnumerateArray().Count(f => f.GetProperty("severity").GetString() == "high"));
    }

    [Fact]
    public async Task A_deadline_inside_the_margin_gives_a_partial_report_and_keeps_the_snapshot()
    {
        var store = new DirectoryReportStore(_root);

        var summary = await Pipeline(store).RunAsync(AuditRequest.Scheduled, DateTimeOffset.UtcNow.AddSeconds(1));

        Assert.False(summary.Complete);
        Assert.False(summary.SnapshotUpdated);
        Assert.Contains(_log, l => l.Level == "WARN" && l.Message.Contains("before the invocation deadline", StringComparison.Ordinal));
        Assert.NotEmpty(await store.ListAsync("imaudit/runs/"));
    }

    [Fact]
    public async Task The_baseline_configuration_is_read_from_the_report_bucket()
    {
        var store = new DirectoryReportStore(_root);
        await store.WriteAsync("config/baseline.json", """{ "trustedAccounts": ["222233334444"] }"""u8.ToArray(), "application/json", WriteCondition.Always);
        var settings = new FunctionSettings("bucket", "imaudit/", "config/baseline.json", [], null, TimeSpan.FromSeconds(5));
        var missing = settings with { BaselineKey = "config/none.json" };

        var trusted = await Pipeline(store, settings).RunAsync(AuditRequest.Scheduled, DateTimeOffset.UtcNow.AddMinutes(5));
        var untrusted = await Pipeline(store).RunAsync(AuditRequest.Scheduled with { ReportPrefix = "other" }, DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.True(trusted.High + trusted.Critical + trusted.Medium < untrusted.High + untrusted.Critical + untrusted.Medium);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Pipeline(store, missing).RunAsync(AuditRequest.Scheduled, DateTimeOffset.UtcNow.AddMinutes(5)));
        Assert.Contains("config/none.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_security_hub_on_the_findings_are_imported_after_the_reports_are_written()
    {
        var store = new DirectoryReportStore(_root);
        var settings = new FunctionSettings("bucket", "imaudit/", null, [], null, TimeSpan.FromSeconds(5)) { SecurityHub = true };
        var pipeline = new AuditPipeline(_ => fixture.Clients(), store, settings, TimeProvider.System, (level, message) => _log.Add((level, message)))
        {
            SecurityHub = () => new SecurityHub.AmazonSecurityHubClient(moto.Settings()),
        };

        var summary = await pipeline.RunAsync(AuditRequest.Scheduled, DateTimeOffset.UtcNow.AddMinutes(5));

        var total = summary.Critical + summary.High + summary.Medium + summary.Low + summary.Info;
        Assert.Contains(_log, l => l.Level == "INFO" && l.Message == $"Security Hub: {total} findings imported, 0 refused");
        Assert.Contains(summary.ReportKeys, k => k.EndsWith("/asff/batch-001.json", StringComparison.Ordinal));
    }

    // A second emulator, serving an inventory without recorded collection errors (so runs are complete).
    private sealed class EmulatorOwn(Engine.Inventory.AccountInventory inventory) : IDisposable
    {
        public EmulatorFixture Fixture { get; } = new();

        private Microsoft.AspNetCore.Builder.WebApplication? _app;

        public async Task StartAsync()
        {
            (_, _app, var url) = await EmulatorApp.StartLocalAsync(inventory);
            Fixture.UseUrl(url);
        }

        public void Dispose() => _app?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
