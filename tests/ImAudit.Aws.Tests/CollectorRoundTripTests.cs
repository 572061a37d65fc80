using ImAudit.Aws.Collection;
using ImAudit.AwsEmulator;
using ImAudit.Engine;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Inventory;

namespace ImAudit.Aws.Tests;

/// <summary>inventory → emulator → collector → the same inventory; and the collector under faults, over HTTP.</summary>
[Collection("emulator")]
public sealed class CollectorRoundTripTests(EmulatorFixture fixture) : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        fixture.Emulator.Faults.Clear();
        fixture.Emulator.Requests.Clear();
    }

    [Fact]
    public async Task Collecting_the_emulated_account_gives_back_the_inventory_it_serves()
    {
        var collected = await new AccountCollector(fixture.Clients()).CollectAsync(Now);

        Assert.Equal(Json(fixture.Inventory), Json(collected));
        Assert.Equal(Now, collected.CollectedAt);
    }

    [Fact]
    public async Task The_live_audit_finds_exactly_what_the_offline_audit_finds()
    {
        var engine = new PolicyEngine(IamCatalog.Default);
        var collected = await new AccountCollector(fixture.Clients()).CollectAsync(Now);

        var live = engine.Audit(collected, Now).Findings.Select(f => (f.RuleId, f.Fingerprint));
        var offline = engine.Audit(fixture.Inventory, Now).Findings.Select(f => (f.RuleId, f.Fingerprint));

        Assert.Equal(offline, live);
    }

    [Fact]
    public async Task An_unreadable_contact_policy_is_a_collection_error_and_IMA405_and_the_rest_is_collected()
    {
        var contact = fixture.Inventory.Contacts.First(c => c.Policy is not null);
        fixture.Emulator.Faults.Add(new FaultRule("ssm-contacts", "GetContactPolicy", contact.Arn, FaultKind.AccessDenied));

        var collected = await new AccountCollector(fixture.Clients()).CollectAsync(Now);
        var report = new PolicyEngine(IamCatalog.Default).Audit(collected, Now);

        var error = Assert.Single(collected.CollectionErrors, e => e.Resource == contact.Arn);
        Assert.Equal(fixture.Inventory.CollectionErrors.Length + 1, collected.CollectionErrors.Length);
        Assert.Equal(("ssm-contacts", "GetContactPolicy", contact.Arn, "AccessDeniedException"), (error.Service, error.Operation, error.Resource, error.Code));
        Assert.True(collected.IsIncomplete);
        Assert.Null(collected.Contacts.Single(c => c.Arn == contact.Arn).Policy);
        Assert.Equal(fixture.Inventory.Contacts.Length, collected.Contacts.Length);
        Assert.Contains(report.Findings, f => f.RuleId == "IMA405" && f.Resource == contact.Arn);
        Assert.Contains(report.Coverage, c => c.Resource == contact.Arn);
    }

    [Fact]
    public async Task A_throttling_storm_slows_the_collection_but_loses_nothing()
    {
        fixture.Emulator.Faults.Add(new FaultRule("ssm-contacts", null, null, FaultKind.Throttle, 4));
        fixture.Emulator.Faults.Add(new FaultRule("ssm-incidents", "GetResponsePlan", null, FaultKind.Throttle, 4));
        fixture.Emulator.Faults.Add(new FaultRule("iam", null, null, FaultKind.Throttle, 3));

        var collected = await new AccountCollector(fixture.Clients()).CollectAsync(Now);

        Assert.True(fixture.Emulator.Requests.Count("ssm-contacts", "ListContacts") >= 5);
        Assert.Equal(Json(fixture.Inventory), Json(collected));
    }

    [Fact]
    public async Task A_deadline_mid_collection_returns_what_was_read_and_lists_the_rest_as_not_read()
    {
        using var deadline = new CancellationTokenSource();
        fixture.Emulator.Faults.Add(new FaultRule("ssm-contacts", "ListContacts", null, FaultKind.Latency, Delay: TimeSpan.FromSeconds(30)));
        var progress = new Progress(p => { if (p.Stage == "response plans" && p.Done == p.Total) deadline.CancelAfter(200); });

        var collected = await new AccountCollector(fixture.Clients()).CollectAsync(Now, progress, deadline.Token);

        Assert.True(collected.IsIncomplete);
        Assert.Equal(fixture.Inventory.Users.Length, collected.Users.Length);
        Assert.Equal(fixture.Inventory.ResponsePlans.Length, collected.ResponsePlans.Length);
        Assert.Contains(collected.CollectionErrors, e => e is { Operation: "ListContacts", Code: "DeadlineExceeded" });
    }

    private static string Json(AccountInventory inventory) =>
        System.Text.Encoding.UTF8.GetString(InventoryJson.Write(inventory with { Source = null, CollectedAt = null }));

    private sealed class Progress(Action<CollectionProgress> report) : IProgress<CollectionProgress>
    {
        public void Report(CollectionProgress value) => report(value);
    }
}
