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
        new((_, _) => fixture.Clients(), store, settings ?? new FunctionSettings("bucket", "imaudit/", null, [], null, TimeSpan.FromSeconds(5)), TimeProvider.System,
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
        // The demo account records one unreadable contact policy: incomplete, and the first snapshot all the same.
        Assert.False(summary.Complete);
        Assert.True(summary.SnapshotUpdated);
        Assert.NotNull(await store.ReadAsync($"imaudit/snapshots/{summary.AccountId}/latest.json"));
    }

    [Fact]
    public async Task With_IMAUDIT_DOCS_URL_the_page_and_the_asff_findings_link_each_rule_to_its_page_there()
    {
        var store = new DirectoryReportStore(_root);
        var settings = FunctionSettings.FromEnvironment(new Dictionary<string, string>
        {
            ["IMAUDIT_REPORT_BUCKET"] = "bucket", ["IMAUDIT_DOCS_URL"] = "https://github.com/example/imaudit/blob/main/",
        });

        var summary = await Pipeline(store, settings).RunAsync(AuditRequest.Scheduled, DateTimeOffset.UtcNow.AddMinutes(5));

        var html = System.Text.Encoding.UTF8.GetString((await store.ReadAsync(summary.ReportKeys.Single(k => k.EndsWith("report.html", StringComparison.Ordinal))))!.Body);
        Assert.Contains("https://github.com/example/imaudit/blob/main/docs/rules/IMA301.md", html, StringComparison.Ordinal);
        var batch = (await store.ReadAsync(summary.ReportKeys.First(k => k.EndsWith("batch-001.json", StringComparison.Ordinal))))!.Body;
        using var asff = JsonDocument.Parse(batch);
        var finding = asff.RootElement.GetProperty("Findings")[0];
        Assert.Equal($"https://github.com/example/imaudit/blob/main/docs/rules/{finding.GetProperty("GeneratorId").GetString()!["imaudit/".Length..]}.md",
            finding.GetProperty("Remediation").GetProperty("Recommendation").GetProperty("Url").GetString());
        Assert.Throws<ArgumentException>(() => FunctionSettings.FromEnvironment(new Dictionary<string, string> { ["IMAUDIT_DOCS_URL"] = "docs/rules" }));
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
        var own = new AuditPipeline((_, _) => emulatorWithoutGaps.Fixture.Clients(), store, new FunctionSettings("b", "imaudit/", null, [], null, TimeSpan.FromSeconds(5)), TimeProvider.System, (_, _) => { });
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
        Assert.Equal(first.High, document.RootElement.GetProperty("findings").EnumerateArray().Count(f => f.GetProperty("severity").GetString() == "high"));
    }

    [Fact]
    public async Task A_deadline_inside_the_margin_gives_a_partial_report_and_keeps_the_snapshot()
    {
        var store = new DirectoryReportStore(_root);
        var first = await Pipeline(store).RunAsync(AuditRequest.Scheduled, DateTimeOffset.UtcNow.AddMinutes(5));
        var before = await store.ReadAsync($"imaudit/snapshots/{first.AccountId}/latest.json");

        // The caller's identity is read at once; IAM answers after the deadline (margin 5 s, 1 s left for collection).
        fixture.Emulator.Faults.Add(new FaultRule("iam", null, null, FaultKind.Latency, Delay: TimeSpan.FromSeconds(3)));
        var summary = await Pipeline(store).RunAsync(AuditRequest.Scheduled, DateTimeOffset.UtcNow.AddSeconds(6));

        Assert.False(summary.Complete);
        Assert.False(summary.SnapshotUpdated);
        Assert.Contains(_log, l => l.Level == "WARN" && l.Message.Contains("before the invocation deadline", StringComparison.Ordinal));
        Assert.Contains(_log, l => l.Level == "WARN" && l.Message.Contains("less complete than the snapshot", StringComparison.Ordinal));
        Assert.Equal(before!.ETag, (await store.ReadAsync($"imaudit/snapshots/{first.AccountId}/latest.json"))!.ETag);
        Assert.NotEmpty(await store.ListAsync("imaudit/runs/"));
    }

    [Fact]
    public async Task Regression_a_resource_that_is_never_readable_does_not_block_the_snapshot_or_make_findings_new_again()
    {
        var store = new DirectoryReportStore(_root);

        var first = await Pipeline(store).RunAsync(AuditRequest.Scheduled, DateTimeOffset.UtcNow.AddMinutes(5));
        var second = await Pipeline(store).RunAsync(AuditRequest.Scheduled, DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.False(second.Complete);
        Assert.True(first.SnapshotUpdated);
        Assert.True(second.SnapshotUpdated);
        Assert.NotEqual(0, first.New);
        Assert.Equal((0, 0, 0), (second.New, second.NewCritical, second.NewHigh));
    }

    [Fact]
    public async Task Regression_findings_on_a_resource_that_becomes_unreadable_are_carried_forward_with_when_they_were_last_read()
    {
        var store = new DirectoryReportStore(_root);
        using var own = new EmulatorOwn(fixture.Inventory with { CollectionErrors = [] });
        await own.StartAsync();
        var pipeline = new AuditPipeline((_, _) => own.Fixture.Clients(), store, new FunctionSettings("b", "imaudit/", null, [], null, TimeSpan.FromSeconds(5)), TimeProvider.System, (_, _) => { });
        const string Primary = "arn:aws:ssm-contacts:us-east-1:111122223333:contact/primary";
        var key = "imaudit/snapshots/111122223333/latest.json";

        var first = await pipeline.RunAsync(AuditRequest.Scheduled, DateTimeOffset.UtcNow.AddMinutes(5));
        var firstSnapshot = Snapshot(await store.ReadAsync(key));
        var onPrimary = firstSnapshot.Findings.Where(f => f.Resource == Primary).Select(f => f.Fingerprint).Order(StringComparer.Ordinal).ToList();
        own.Emulator.Faults.Add(new FaultRule("ssm-contacts", "GetContactPolicy", Primary, FaultKind.AccessDenied));
        var second = await pipeline.RunAsync(AuditRequest.Scheduled, DateTimeOffset.UtcNow.AddMinutes(5));
        var carried = Snapshot(await store.ReadAsync(key));
        using var secondReport = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_root, second.ReportKeys.First(k => k.EndsWith("/report.json", StringComparison.Ordinal)))));
        own.Emulator.Faults.Clear();
        var third = await pipeline.RunAsync(AuditRequest.Scheduled, DateTimeOffset.UtcNow.AddMinutes(5));
        var readAgain = Snapshot(await store.ReadAsync(key));

        Assert.NotEmpty(onPrimary);
        Assert.False(second.Complete);
        Assert.True(second.SnapshotUpdated);
        // New this run: only what the unread policy itself causes (IMA405, medium), never the carried findings.
        var fresh = secondReport.RootElement.GetProperty("drift").GetProperty("new").EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.Empty(fresh.Intersect(onPrimary));
        Assert.Equal((0, 0), (second.NewCritical, second.NewHigh));
        // Carried: every finding the snapshot had on the unread policy's contact, and only findings on resources this
        // run could not read, each dated when it was last read (the first run).
        using var secondInventory = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_root, second.ReportKeys.First(k => k.EndsWith("/inventory.json", StringComparison.Ordinal)))));
        var unread = secondInventory.RootElement.GetProperty("collectionErrors").EnumerateArray().Select(e => e.GetProperty("resource").GetString()).ToHashSet();
        Assert.Subset(carried.Carried.Keys.ToHashSet(), onPrimary.ToHashSet());
        Assert.All(carried.Findings.Where(f => carried.Carried.ContainsKey(f.Fingerprint)), f => Assert.Contains(f.Resource, unread));
        Assert.All(carried.Carried.Values, lastRead => Assert.Equal(firstSnapshot.GeneratedAt, lastRead));
        // Besides what this run found on it (IMA405: the policy is unreadable).
        Assert.Subset(carried.Findings.Where(f => f.Resource == Primary).Select(f => f.Fingerprint).ToHashSet(), onPrimary.ToHashSet());
        // Unknown this run, so not "resolved" either.
        Assert.DoesNotContain(secondReport.RootElement.GetProperty("drift").GetProperty("resolved").EnumerateArray(), f => f.GetProperty("resource").GetString() == Primary);
        Assert.Equal((0, true), (third.New, third.SnapshotUpdated));
        Assert.Empty(readAgain.Carried);
    }

    [Fact]
    public async Task Regression_a_run_that_fails_a_broad_read_never_replaces_a_better_snapshot()
    {
        var store = new DirectoryReportStore(_root);
        using var own = new EmulatorOwn(fixture.Inventory with { CollectionErrors = [] });
        await own.StartAsync();
        var pipeline = new AuditPipeline((_, _) => own.Fixture.Clients(), store, new FunctionSettings("b", "imaudit/", null, [], null, TimeSpan.FromSeconds(5)), TimeProvider.System,
            (level, message) => _log.Add((level, message)));

        await pipeline.RunAsync(AuditRequest.Scheduled, DateTimeOffset.UtcNow.AddMinutes(5));
        var before = await store.ReadAsync("imaudit/snapshots/111122223333/latest.json");
        own.Emulator.Faults.Add(new FaultRule("ssm-contacts", "ListContacts", null, FaultKind.AccessDenied));
        var worse = await pipeline.RunAsync(AuditRequest.Scheduled, DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.False(worse.SnapshotUpdated);
        Assert.Equal(before!.ETag, (await store.ReadAsync("imaudit/snapshots/111122223333/latest.json"))!.ETag);
        Assert.Contains(_log, l => l.Level == "WARN" && l.Message.Contains("ssm-contacts ListContacts", StringComparison.Ordinal));
    }

    // Regression (issue 13): the function's AssumeRole had no deadline (5 attempts of 30 s against an STS that never
    // answers, past the invocation's end); it now ends with the collection deadline and names the role and endpoint.
    [Fact]
    public async Task Regression_an_sts_that_never_answers_ends_the_run_at_its_collection_deadline()
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start(100);
        var endpoint = $"http://127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}";
        var aws = Collection.AwsClientFactory.Settings(new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "test", ["AWS_SECRET_ACCESS_KEY"] = "test", ["AWS_REGION"] = "us-east-1", ["AWS_ENDPOINT_URL_STS"] = endpoint,
        });
        const string role = "arn:aws:iam::444455556666:role/imaudit-member";
        var pipeline = new AuditPipeline(AuditPipeline.ClientsFor(aws, null), new DirectoryReportStore(_root),
            new FunctionSettings("b", "imaudit/", null, [], null, TimeSpan.FromSeconds(1)), TimeProvider.System, (_, _) => { });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RoleNotAssumedException>(() =>
            pipeline.RunAsync(AuditRequest.Scheduled with { RoleArn = role, AccountId = "444455556666" }, DateTimeOffset.UtcNow.AddSeconds(3)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal($"could not assume `{role}`: no answer from STS at `{endpoint}/` before the collection deadline", error.Message);
        Assert.Empty(Directory.Exists(_root) ? Directory.GetFiles(_root, "*", SearchOption.AllDirectories) : []);
    }

    private static Engine.Drift.AuditSnapshot Snapshot(StoredReport? stored) => Engine.Drift.AuditSnapshot.Read(stored!.Body, "snapshot", out _)!;

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
        var pipeline = new AuditPipeline((_, _) => fixture.Clients() with { SecurityHub = () => new SecurityHub.AmazonSecurityHubClient(moto.Settings()) }, store, settings,
            TimeProvider.System, (level, message) => _log.Add((level, message)));

        var summary = await pipeline.RunAsync(AuditRequest.Scheduled, DateTimeOffset.UtcNow.AddMinutes(5));

        var total = summary.Critical + summary.High + summary.Medium + summary.Low + summary.Info;
        Assert.Contains(_log, l => l.Level == "INFO" && l.Message == $"Security Hub: {total} findings imported, 0 refused");
        Assert.Contains(summary.ReportKeys, k => k.EndsWith("/asff/batch-001.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Regression_an_on_demand_report_prefix_is_written_under_runs_and_snapshots()
    {
        var store = new DirectoryReportStore(_root);

        var summary = await Pipeline(store).RunAsync(AuditRequest.Scheduled with { ReportPrefix = "team-a/" }, DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.All(summary.ReportKeys, k => Assert.StartsWith("imaudit/runs/team-a/", k, StringComparison.Ordinal));
        Assert.All(await store.ListAsync(""), k => Assert.Matches("^imaudit/(runs|snapshots)/team-a/", k));
    }

    public static TheoryData<string> Stores => ["directory", "emulator-s3"];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Regression_six_runs_in_the_same_millisecond_each_keep_their_own_reports(string kind)
    {
        IReportStore store = kind == "directory" ? new DirectoryReportStore(_root) : EmulatorS3Store();
        var frozen = new FrozenTime(DateTimeOffset.Parse("2026-12-01T06:00:00.123Z", System.Globalization.CultureInfo.InvariantCulture));
        var pipeline = new AuditPipeline((_, _) => fixture.Clients(), store, new FunctionSettings("bucket", "imaudit/", null, [], null, TimeSpan.FromSeconds(5)), frozen, (_, _) => { });

        var summaries = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => pipeline.RunAsync(AuditRequest.Scheduled, DateTimeOffset.UtcNow.AddMinutes(5)))));

        var claimed = summaries.SelectMany(s => s.ReportKeys).ToList();
        Assert.Equal(6, summaries.Select(s => s.ReportKeys[0][..s.ReportKeys[0].LastIndexOf('/')]).Distinct().Count());
        Assert.Equal(claimed.Count, claimed.Distinct().Count());
        Assert.Equal(claimed.Order(StringComparer.Ordinal), (await store.ListAsync("imaudit/runs/")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Regression_a_report_key_another_run_already_wrote_is_not_claimed_by_this_run()
    {
        var store = new DirectoryReportStore(_root);
        var taken = new TakenStore(store);

        var summary = await Pipeline(taken).RunAsync(AuditRequest.Scheduled with { DryRun = false }, DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.DoesNotContain(summary.ReportKeys, k => k.EndsWith("/report.md", StringComparison.Ordinal));
        Assert.Contains(_log, l => l.Level == "WARN" && l.Message.Contains("report.md", StringComparison.Ordinal));
    }

    private S3ReportStore EmulatorS3Store()
    {
        var bucket = "runs-" + Guid.NewGuid().ToString("N")[..12];
        fixture.Emulator.S3.CreateBucket(bucket);
        return new S3ReportStore(S3ClientFactory.Create(fixture.Settings()), bucket);
    }

    private sealed class FrozenTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    // Every report.md is already there: as if another run had written it.
    private sealed class TakenStore(IReportStore inner) : IReportStore
    {
        public Task<StoredReport?> ReadAsync(string key, CancellationToken cancellationToken = default) => inner.ReadAsync(key, cancellationToken);

        public Task<WriteResult> WriteAsync(string key, byte[] body, string contentType, WriteCondition condition, CancellationToken cancellationToken = default) =>
            key.EndsWith("/report.md", StringComparison.Ordinal) ? Task.FromResult(WriteResult.Lost) : inner.WriteAsync(key, body, contentType, condition, cancellationToken);

        public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);
    }

    // A second emulator, serving an inventory without recorded collection errors (so runs are complete).
    private sealed class EmulatorOwn(Engine.Inventory.AccountInventory inventory) : IDisposable
    {
        public EmulatorFixture Fixture { get; } = new();

        public EmulatorApp Emulator { get; private set; } = null!;

        private Microsoft.AspNetCore.Builder.WebApplication? _app;

        public async Task StartAsync()
        {
            (Emulator, _app, var url) = await EmulatorApp.StartLocalAsync(inventory);
            Fixture.UseUrl(url);
        }

        public void Dispose() => _app?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
