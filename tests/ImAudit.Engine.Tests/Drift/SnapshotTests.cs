using ImAudit.Engine.Catalog;
using ImAudit.Engine.Drift;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Reports;
using ImAudit.Engine.Tests.Rules;

namespace ImAudit.Engine.Tests.Drift;

public class SnapshotTests
{
    private static readonly DateTimeOffset Then = DateTimeOffset.Parse("2026-11-21T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly PolicyEngine Engine = new(IamCatalog.Default);

    private static AccountInventory Account(string anaActions) =>
        AccountHarness.Account([AccountHarness.User("ana", AccountHarness.Allow(anaActions)), AccountHarness.User("bo", AccountHarness.Allow("\"ssm-incidents:DeleteResponsePlan\""))]);

    private static AuditSnapshot Snapshot(AccountInventory inventory, DateTimeOffset at)
    {
        var bytes = SnapshotJson.Write(inventory, Engine.Audit(inventory, at));
        return AuditSnapshot.Read(bytes, "snapshot.json", out var error) ?? throw new InvalidOperationException(error);
    }

    [Fact]
    public void A_snapshot_reads_back_its_inventory_findings_and_versions()
    {
        var inventory = Account("\"ssm-incidents:*\"");
        var report = Engine.Audit(inventory, Then);

        var snapshot = Snapshot(inventory, Then);

        Assert.Equal(InventoryJson.Write(inventory), InventoryJson.Write(snapshot.Inventory with { Source = inventory.Source }));
        Assert.Equal(report.Findings.Select(f => (f.RuleId, f.Severity, f.Resource, f.Fingerprint)), snapshot.Findings.Select(f => (f.RuleId, f.Severity, f.Resource, f.Fingerprint)));
        Assert.Equal(Then, snapshot.GeneratedAt);
        Assert.Equal(IamCatalog.Default.Source, snapshot.Versions.Catalog);
        Assert.Equal(ImAudit.Engine.Rules.RuleRegistry.All.Select(r => r.Id), snapshot.Versions.Rules);
    }

    [Fact]
    public void Findings_are_new_resolved_or_persisting_by_fingerprint()
    {
        var previous = Snapshot(Account("\"ssm-incidents:*\""), Then);
        var current = Account("[\"ssm-incidents:GetResponsePlan\",\"ssm-incidents:DeleteIncidentRecord\"]");

        var report = Engine.Audit(current, Now, null, previous);

        var drift = report.Drift!;
        Assert.Equal(Then, drift.PreviousGeneratedAt);
        Assert.Equal(report.Findings.Length, drift.New.Length + drift.Persisting.Length);
        Assert.Contains(drift.Persisting, f => f.Resource.EndsWith(":user/bo", StringComparison.Ordinal));
        Assert.Contains(drift.Resolved, f => f.RuleId == "IMA303" && f.Resource.EndsWith(":user/ana", StringComparison.Ordinal));
        Assert.Contains(drift.New, f => f.Resource.EndsWith(":user/ana", StringComparison.Ordinal));
        Assert.DoesNotContain(drift.New, f => f.Resource.EndsWith(":user/bo", StringComparison.Ordinal));
    }

    [Fact]
    public void The_report_lists_new_and_resolved_in_json_and_puts_them_first_in_markdown()
    {
        var previous = Snapshot(Account("\"ssm-incidents:*\""), Then);
        var report = Engine.Audit(Account("\"ssm-incidents:GetResponsePlan\""), Now, null, previous);

        using var json = System.Text.Json.JsonDocument.Parse(ReportJson.Write(report));
        var markdown = ReportMarkdown.Render(report);

        var drift = json.RootElement.GetProperty("drift");
        Assert.Equal(report.Drift!.New.Select(f => f.Fingerprint), drift.GetProperty("new").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(report.Drift.Resolved.Length, drift.GetProperty("resolved").GetArrayLength());
        Assert.True(markdown.IndexOf("## Since the previous run", StringComparison.Ordinal) < markdown.IndexOf("## Findings", StringComparison.Ordinal));
        Assert.Contains("### Resolved", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"schemaVersion":"1","accountId":"1"}""", "is not an ImAudit snapshot")]
    [InlineData("""{"kind":"imaudit-snapshot","schemaVersion":"9"}""", "snapshot schema 9")]
    [InlineData("""{"kind":"imaudit-snapshot","schemaVersion":"1","accountId":"1"}""", "is not a readable snapshot")]
    [InlineData("not json", "is not a readable snapshot")]
    public void An_unreadable_snapshot_says_why_naming_the_file(string json, string message)
    {
        Assert.Null(AuditSnapshot.Read(System.Text.Encoding.UTF8.GetBytes(json), "old/snapshot.json", out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Contains("`old/snapshot.json`", error, StringComparison.Ordinal);
    }
}
