using ImAudit.Engine.Tests.Reporting;
using System.Text;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Organizations;
using static ImAudit.Engine.Tests.Rules.AccountHarness;
using Org = ImAudit.Engine.Tests.Rules.OrganizationHarness;

namespace ImAudit.Engine.Tests.Organizations;

/// <summary>
/// Issue 14 for the organization: report.json and the snapshot came back as byte arrays, report.md and report.html
/// as strings, each built whole before its first byte was written. They now reach their destination in pieces, as
/// the account's writers do (<c>Reporting/StreamedWritingTests</c>); the golden files of the sample organization's
/// scan pin their bytes.
/// </summary>
public class OrganizationStreamedWritingTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Six accounts of 150 responders each, a plan shared across accounts, one account that failed, and drift.</summary>
    internal static (OrganizationReport Report, IReadOnlyList<AccountInventory> Inventories) Large()
    {
        var template = InventoryJson.Write(Account([.. Enumerable.Range(0, 150).Select(i => User($"responder-{i}", Allow($$"""["ssm-contacts:StartEngagement","ssm-incidents:*","iam:Get{{i}}*"]""")))],
            plans: [.. Enumerable.Range(0, 3).Select(i => Plan($"plan-{i}", "runbook"))]));
        var accounts = Enumerable.Range(0, 6).Select(i => Copy(template, $"2000000000{i:00}"))
            .Append(Org.Owner(Org.Plan, Org.Share($"{{\"AWS\":\"{Org.Member}\"}}", "\"ssm-incidents:*\"", "\"*\"")))
            .Append(Org.MemberWith(Org.Responder, Org.Allow("\"ssm-incidents:*\""))).ToList();
        var organization = Org.Org([Org.Central, Org.Member, .. accounts.Take(6).Select(a => a.AccountId)]);
        var engine = new PolicyEngine(IamCatalog.Default);
        var first = engine.AuditOrganization(accounts[1..], organization, Now.AddDays(-1));
        var previous = OrganizationSnapshot.Read(OrganizationSnapshot.Write(accounts[1..], first), "previous", out _);
        var report = engine.AuditOrganization(accounts, organization, Now, null, previous, [AccountNotAudited.Failure("300000000000", "gone", "its member role could not be assumed")]);
        return (report, accounts);
    }

    private static AccountInventory Copy(byte[] template, string accountId) =>
        InventoryJson.Read(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(template).Replace(AccountId, accountId, StringComparison.Ordinal)), accountId).Inventory!;

    private static readonly (OrganizationReport Report, IReadOnlyList<AccountInventory> Inventories) Audit = Large();

    [Fact]
    public void Report_json_and_the_snapshot_reach_their_stream_in_pieces_and_read_back_the_same()
    {
        var report = new RecordingStream();
        var snapshot = new RecordingStream();

        OrganizationReportJson.Write(report, Audit.Report);
        OrganizationSnapshot.Write(snapshot, Audit.Inventories, Audit.Report);

        Assert.NotNull(Audit.Report.Drift);
        Assert.True(report.Length > 1_000_000, $"report.json is {report.Length} bytes");
        Assert.True(snapshot.Length > 500_000, $"snapshot.json is {snapshot.Length} bytes");
        Assert.InRange(report.Largest, 1, 200_000);
        Assert.InRange(snapshot.Largest, 1, 200_000);
        Assert.Equal(OrganizationReportJson.Write(Audit.Report), report.ToArray());
        var read = OrganizationSnapshot.Read(snapshot.ToArray(), "snapshot", out var error);
        Assert.Null(error);
        Assert.Equal(Audit.Report.Findings.Select(f => f.Fingerprint), read!.Findings.Select(f => f.Fingerprint));
        Assert.Equal(Audit.Inventories.Select(i => i.AccountId).Order(StringComparer.Ordinal), read.AccountIds);
    }

    [Fact]
    public void Markdown_and_html_reach_their_writer_in_pieces()
    {
        var markdown = new RecordingText();
        var html = new RecordingText();

        OrganizationReportMarkdown.Render(markdown, Audit.Report);
        OrganizationReportHtml.Render(html, Audit.Report);

        Assert.True(markdown.ToString().Length > 200_000, $"report.md is {markdown.ToString().Length} characters");
        Assert.True(html.ToString().Length > 500_000, $"report.html is {html.ToString().Length} characters");
        Assert.Contains("## Accounts not audited (1)", markdown.ToString(), StringComparison.Ordinal);
        Assert.InRange(markdown.Largest, 1, 100_000);
        Assert.InRange(html.Largest, 1, 100_000);
        Assert.Equal(OrganizationReportMarkdown.Render(Audit.Report), markdown.ToString());
        Assert.Equal(OrganizationReportHtml.Render(Audit.Report), html.ToString());
    }
}
