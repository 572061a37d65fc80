using System.Text.Json;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Drift;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Reports;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Reporting;

/// <summary>
/// Issue 14, item 2: every output was built whole in memory before its first byte was written (report.json 434 MB,
/// the snapshot 445 MB more on the synthetic 50× account). The writers now hand their output on as they go.
/// </summary>
public class StreamedWritingTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly AccountInventory Inventory =
        Account([.. Enumerable.Range(0, 400).Select(i => User($"responder-{i}", Allow($$"""["ssm-contacts:StartEngagement","ssm-incidents:*","iam:Get{{i}}*"]""")))],
            plans: [.. Enumerable.Range(0, 5).Select(i => Plan($"plan-{i}", "runbook"))])
        with { Contacts = [.. Enumerable.Range(0, 20).Select(i => new Contact($"arn:aws:ssm-contacts:us-east-1:111122223333:contact/c-{i}", $"c-{i}", "PERSONAL", null, [], null))] };

    private static readonly AuditReport Report = new PolicyEngine(IamCatalog.Default).Audit(Inventory, Now);

    [Fact]
    public void Report_json_and_the_snapshot_reach_their_stream_in_pieces_and_read_back_the_same()
    {
        var report = new RecordingStream();
        var snapshot = new RecordingStream();

        ReportJson.Write(report, Report);
        SnapshotJson.Write(snapshot, Inventory, Report);

        Assert.True(report.Length > 1_000_000, $"report.json is {report.Length} bytes");
        Assert.InRange(report.Largest, 1, 200_000);
        Assert.InRange(snapshot.Largest, 1, 200_000);
        Assert.Equal(ReportJson.Write(Report), report.ToArray());
        Assert.Equal(Report.Findings.Select(f => f.Fingerprint), AuditSnapshot.Read(snapshot.ToArray(), "snapshot", out _)!.Findings.Select(f => f.Fingerprint));
    }

    [Fact]
    public void Markdown_and_html_reach_their_writer_in_pieces()
    {
        var markdown = new RecordingText();
        var html = new RecordingText();

        ReportMarkdown.Render(markdown, Report);
        ReportHtml.Render(html, Report);

        Assert.True(html.ToString().Length > 500_000, $"report.html is {html.ToString().Length} characters");
        Assert.InRange(markdown.Largest, 1, 100_000);
        Assert.InRange(html.Largest, 1, 100_000);
        Assert.Equal(ReportMarkdown.Render(Report), markdown.ToString());
        Assert.Equal(ReportHtml.Render(Report), html.ToString());
    }

    [Fact]
    public void The_snapshot_does_not_hold_the_report_again()
    {
        using var snapshot = JsonDocument.Parse(SnapshotJson.Write(Inventory, Report));
        var root = snapshot.RootElement;

        Assert.Equal(AuditSnapshot.SchemaVersion, root.GetProperty("schemaVersion").GetString());
        Assert.False(root.TryGetProperty("report", out _));
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(Report.Findings.Length, findings.Count);
        // Details keep their top-level text only: no lists of contacts, plans or actions.
        Assert.All(findings, f => Assert.All(f.GetProperty("details").EnumerateObject(), d => Assert.Equal(JsonValueKind.String, d.Value.ValueKind)));
        Assert.True(SnapshotJson.Write(Inventory, Report).Length < InventoryJson.Write(Inventory).Length + ReportJson.Write(Report).Length / 2);
    }
}
