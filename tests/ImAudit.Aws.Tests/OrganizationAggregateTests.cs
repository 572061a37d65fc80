using ImAudit.Engine.Reports;
using System.Text.Json;
using Amazon.Runtime;
using ImAudit.Aws.Organizations;
using ImAudit.Aws.Organizations.Model;
using ImAudit.Aws.Pipeline;
using ImAudit.Aws.Storage;
using ImAudit.Engine;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Drift;
using ImAudit.Engine.Inventory;
using Moq;

namespace ImAudit.Aws.Tests;

/// <summary>
/// The organization audit's aggregate step over a report store holding the accounts' snapshots (as the per-account
/// runs leave them), with AWS Organizations mocked: the organization report, the accounts not audited, the slim
/// organization snapshot, drift across runs with an account failing in between, and its metrics line.
/// </summary>
public sealed class OrganizationAggregateTests : IDisposable
{
    private const string Central = "111122223333";
    private const string Payments = "444455556666";
    private const string Analytics = "777788889999";
    private const string Closed = "555566667777";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "imaudit-aggregate-" + Guid.NewGuid().ToString("N"));
    private readonly List<(string Level, string Message)> _log = [];
    private readonly Mock<IAmazonOrganizations> _organizations = new();
    private DateTimeOffset _now = DateTimeOffset.Parse("2026-12-01T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    public OrganizationAggregateTests()
    {
        _organizations.Setup(o => o.DescribeOrganizationAsync(It.IsAny<DescribeOrganizationRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DescribeOrganizationResponse { Organization = new Aws.Organizations.Model.Organization { Id = "o-a1b2c3d4e5", MasterAccountId = Central } });
        _organizations.Setup(o => o.ListAccountsAsync(It.IsAny<ListAccountsRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ListAccountsResponse
            {
                Accounts =
                [
                    new Account { Id = Central, Name = "central", State = "ACTIVE" }, new Account { Id = Payments, Name = "payments", State = "ACTIVE" },
                    new Account { Id = Analytics, Name = "analytics", Status = "ACTIVE" }, new Account { Id = Closed, Name = "old", State = "SUSPENDED" },
                ],
            });
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    private static AccountInventory Sample(string file) =>
        InventoryJson.Read(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "organization", file)), file).Inventory!;

    // The payments member's inventory, as a third account.
    private static AccountInventory AnalyticsAccount() => InventoryJson.Read(System.Text.Encoding.UTF8.GetBytes(
        System.Text.Encoding.UTF8.GetString(InventoryJson.Write(Sample("payments-member.json"))).Replace(Payments, Analytics, StringComparison.Ordinal)), "analytics").Inventory!;

    private DirectoryReportStore Store() => new(_root);

    // The three sample accounts' snapshots in a new store, as their runs leave them.
    private async Task<(DirectoryReportStore Store, AccountInventory[] Accounts)> ThreeAccounts()
    {
        var store = Store();
        var accounts = new[] { Sample("central.json"), Sample("payments-member.json"), AnalyticsAccount() };
        foreach (var account in accounts)
            await Snapshot(store, account);
        return (store, accounts);
    }

    // The organization as the mocked AWS Organizations lists it.
    private static readonly Engine.Inventory.Organization Listed = new("o-a1b2c3d4e5", null, Central,
        [new(Central, "central", null, "ACTIVE"), new(Payments, "payments", null, "ACTIVE"), new(Analytics, "analytics", null, "ACTIVE"), new(Closed, "old", null, "SUSPENDED")]);

    private async Task Snapshot(IReportStore store, AccountInventory inventory)
    {
        var report = new PolicyEngine(IamCatalog.Default).Audit(inventory, _now, null, null);
        await store.WriteAsync($"imaudit/snapshots/{inventory.AccountId}/latest.json", SnapshotJson.Write(inventory, report), "application/json", WriteCondition.Always);
    }

    private static AuditRequest Aggregate(params (string Account, string Status)[] results)
    {
        var items = string.Join(",", results.Select(r => r.Status == "failed"
            ? $$"""{"accountId":"{{r.Account}}","status":"failed","error":"Lambda.Unknown","cause":"{\"errorType\":\"AmazonServiceException\",\"errorMessage\":\"AccessDenied: not authorized to perform sts:AssumeRole\"}"}"""
            : $$"""{"accountId":"{{r.Account}}","status":"{{r.Status}}"}"""));
        var request = AuditRequest.Parse(System.Text.Encoding.UTF8.GetBytes($$"""{"action":"aggregate","execution":"arn:aws:states:us-east-1:111122223333:execution:imaudit:run","results":[[[],[{{items}}]]]}"""), out var error);
        Assert.Null(error);
        return request;
    }

    private Task<AggregateSummary> Run(IReportStore store, AuditRequest request, Func<IAmazonOrganizations>? organizations = null) =>
        new OrganizationAggregate(store, new FunctionSettings("bucket", "imaudit/", null, [], null, TimeSpan.FromSeconds(5)), new FixedTime(_now),
            (level, message) => _log.Add((level, message)), organizations ?? (() => _organizations.Object)).RunAsync(request);

    private static JsonElement Json(IReportStore store, string key) => JsonDocument.Parse(store.ReadAsync(key).GetAwaiter().GetResult()!.Body).RootElement.Clone();

    [Fact]
    public async Task Writes_the_organization_report_over_every_audited_account_and_lists_the_rest()
    {
        var store = Store();
        var central = Sample("central.json");
        var payments = Sample("payments-member.json");
        await Snapshot(store, central);
        await Snapshot(store, payments);

        // Analytics failed to be assumed; 999900001111 reported audited but left no snapshot; the suspended one was skipped.
        var summary = await Run(store, Aggregate((Central, "audited"), (Payments, "audited"), (Analytics, "failed"), ("999900001111", "audited"), (Closed, "skipped")));

        Assert.Equal((5, 2, 2, 1, false), (summary.Accounts, summary.Audited, summary.Failed, summary.Skipped, summary.Complete));
        var reportKey = Assert.Single(summary.ReportKeys, k => k.EndsWith("/report.json", StringComparison.Ordinal));
        Assert.Matches(@"^imaudit/runs/\d{8}T\d{6}\.\d{3}Z-organization-[0-9a-f]{12}/report\.json$", reportKey);
        var report = Json(store, reportKey);
        Assert.Equal("organization", report.GetProperty("kind").GetString());
        Assert.Equal("o-a1b2c3d4e5", report.GetProperty("organization").GetProperty("id").GetString());
        Assert.Equal([Central, Payments], report.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("accountId").GetString()));
        var notAudited = report.GetProperty("notAudited").EnumerateArray().ToDictionary(a => a.GetProperty("accountId").GetString()!, a => a.GetProperty("reason").GetString()!);
        Assert.Equal("Lambda.Unknown: AccessDenied: not authorized to perform sts:AssumeRole", notAudited[Analytics]);
        Assert.Equal("its audit left no snapshot at `imaudit/snapshots/999900001111/latest.json`", notAudited["999900001111"]);
        Assert.Equal("not audited in state SUSPENDED", notAudited[Closed]);
        // The same findings as the organization audit of those accounts in one process (scan DIR).
        var expected = new PolicyEngine(IamCatalog.Default).AuditOrganization([central, payments], Listed, _now);
        Assert.Equal(expected.Findings.Select(f => f.Fingerprint), report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("fingerprint").GetString()));
        Assert.NotEmpty(expected.CrossAccountFindings);
        // The metrics line counts the accounts not audited, per organization.
        using var emf = JsonDocument.Parse(Assert.Single(_log, l => l.Level == "METRICS").Message);
        Assert.Equal("o-a1b2c3d4e5", emf.RootElement.GetProperty("Organization").GetString());
        Assert.Equal((2, 2, 1), (emf.RootElement.GetProperty("AccountsAudited").GetInt32(), emf.RootElement.GetProperty("AccountsNotAudited").GetInt32(), emf.RootElement.GetProperty("AccountsSkipped").GetInt32()));
        // The organization snapshot holds the findings, not a copy of every inventory.
        var snapshot = Json(store, "imaudit/snapshots/organization/latest.json");
        Assert.Equal(0, snapshot.GetProperty("inventories").GetArrayLength());
        Assert.True(summary.SnapshotUpdated);
    }

    [Fact]
    public async Task An_account_failing_in_one_run_resolves_nothing_and_is_not_new_when_it_is_back()
    {
        var (store, accounts) = await ThreeAccounts();
        var all = Aggregate((Central, "audited"), (Payments, "audited"), (Analytics, "audited"));
        var first = await Run(store, all);
        Assert.True(first.Complete);
        var analyticsFindings = Json(store, first.ReportKeys.Single(k => k.EndsWith("report.json", StringComparison.Ordinal))).GetProperty("findings")
            .EnumerateArray().Count(f => f.GetProperty("accountId").GetString() == Analytics);
        Assert.True(analyticsFindings > 0);

        _now = _now.AddDays(1);
        var second = await Run(store, Aggregate((Central, "audited"), (Payments, "audited"), (Analytics, "failed")));
        var drift = Json(store, second.ReportKeys.Single(k => k.EndsWith("report.json", StringComparison.Ordinal))).GetProperty("drift");
        Assert.Equal(0, drift.GetProperty("resolved").GetArrayLength());
        Assert.Equal(0, second.New);

        _now = _now.AddDays(1);
        var third = await Run(store, all);
        Assert.Equal(0, third.New);
        Assert.True(third.Complete);
    }

    [Fact]
    public async Task Without_organizations_the_report_is_still_written_and_says_the_accounts_are_not_known()
    {
        var store = Store();
        await Snapshot(store, Sample("central.json"));
        var refused = new Mock<IAmazonOrganizations>();
        refused.Setup(o => o.DescribeOrganizationAsync(It.IsAny<DescribeOrganizationRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AmazonServiceException("not authorized") { ErrorCode = "AccessDeniedException" });
        refused.Setup(o => o.ListAccountsAsync(It.IsAny<ListAccountsRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AmazonServiceException("not authorized") { ErrorCode = "AccessDeniedException" });

        var summary = await Run(store, Aggregate((Central, "audited")), () => refused.Object);

        Assert.Equal(1, summary.Audited);
        Assert.Contains(_log, l => l.Level == "WARN" && l.Message.StartsWith("could not list the organization's accounts: AccessDeniedException", StringComparison.Ordinal));
        var report = Json(store, summary.ReportKeys.Single(k => k.EndsWith("report.json", StringComparison.Ordinal)));
        Assert.False(report.TryGetProperty("organization", out _));
    }

    [Fact]
    public async Task A_dry_run_writes_nothing()
    {
        var store = Store();
        await Snapshot(store, Sample("central.json"));
        var before = await store.ListAsync("");

        var summary = await Run(store, Aggregate((Central, "audited")) with { DryRun = true });

        // What it would write: the three reports and the cross-account findings' ASFF batches.
        Assert.Equal(3, summary.ReportKeys.Count(k => !k.Contains("/asff/", StringComparison.Ordinal)));
        Assert.All(summary.ReportKeys, k => Assert.Matches(@"/(report\.(json|md|html)|asff/batch-\d{3}\.json)$", k));
        Assert.Equal(before, await store.ListAsync(""));
    }

    // The function's organization run sent nothing to Security Hub: each account's run imports its own audit, and the
    // cross-account findings (IMA7xx, IMA306/IMA307 following shares) stayed in the organization's reports.
    [Fact]
    public async Task Regression_with_security_hub_on_each_accounts_cross_account_findings_go_into_its_own_security_hub()
    {
        var (store, accounts) = await ThreeAccounts();
        var hubs = accounts.ToDictionary(a => a.AccountId, _ => new RecordingSecurityHub());
        var settings = new FunctionSettings("bucket", "imaudit/", null, [], null, TimeSpan.FromSeconds(5)) { SecurityHub = true };
        var aggregate = new OrganizationAggregate(store, settings, new FixedTime(_now), (level, message) => _log.Add((level, message)), () => _organizations.Object)
        {
            // Analytics cannot be reached as itself (no member role for it).
            SecurityHubFor = (account, _) => account == Analytics ? null : () => hubs[account],
        };

        var summary = await aggregate.RunAsync(Aggregate((Central, "audited"), (Payments, "audited"), (Analytics, "audited")));

        // What the organization audit of those accounts adds (as the first test's scan DIR would find it).
        var cross = new PolicyEngine(IamCatalog.Default).AuditOrganization(accounts, Listed, _now).CrossAccountFindings
            .ToLookup(f => f.AccountId, f => $"imaudit/{f.AccountId}/{f.Fingerprint}");
        Assert.True(cross.Count >= 2, "the sample organization has cross-account findings in several accounts");
        foreach (var (account, hub) in hubs.Where(h => h.Key != Analytics))
        {
            // Only that account's cross-account findings, and all of them, in its own Security Hub.
            Assert.Equal(cross[account].Order(StringComparer.Ordinal), hub.Received.Select(f => f.Id).Order(StringComparer.Ordinal));
            Assert.All(hub.Received, f => Assert.Equal(account, f.Account));
        }
        Assert.Empty(hubs[Analytics].Received);
        if (cross[Analytics].Any())
            Assert.Contains(_log, l => l.Level == "WARN" && l.Message.StartsWith($"Security Hub: account {Analytics}: its cross-account findings are not imported", StringComparison.Ordinal));
        // What went in is what the run folder's asff/ holds.
        var written = summary.ReportKeys.Where(k => k.Contains("/asff/", StringComparison.Ordinal)).Sum(k => Json(store, k).GetProperty("Findings").GetArrayLength());
        Assert.Equal(cross.Sum(g => g.Count()), written);
    }

    // A Security Hub that accepts everything and keeps each finding's Id and AwsAccountId.
    private sealed class RecordingSecurityHub : Aws.SecurityHub.IAmazonSecurityHub
    {
        public List<(string Id, string Account)> Received { get; } = [];

        public Task<Aws.SecurityHub.Model.BatchImportFindingsResponse> BatchImportFindingsAsync(Aws.SecurityHub.Model.BatchImportFindingsRequest request, CancellationToken cancellationToken = default)
        {
            using var json = JsonDocument.Parse(request.Body);
            var findings = json.RootElement.GetProperty("Findings").EnumerateArray().Select(f => (f.GetProperty("Id").GetString()!, f.GetProperty("AwsAccountId").GetString()!)).ToList();
            Received.AddRange(findings);
            return Task.FromResult(new Aws.SecurityHub.Model.BatchImportFindingsResponse { SuccessCount = findings.Count });
        }

        public void Dispose()
        {
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
