using System.Text;
using System.Text.Json;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Drift;
using ImAudit.Engine.Organizations;
using ImAudit.Engine.Reports;
using static ImAudit.Engine.Tests.Rules.AccountHarness;
using Org = ImAudit.Engine.Tests.Rules.OrganizationHarness;

namespace ImAudit.Engine.Tests.Reporting;

/// <summary>The one description of an audit's report files that the CLI and the function both write.</summary>
public class ReportSetTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly Engine.Inventory.AccountInventory Inventory =
        Account([.. Enumerable.Range(0, 60).Select(i => User($"responder-{i}", Allow("""["ssm-incidents:*","ssm-contacts:StartEngagement"]""")))]) with { Regions = ["eu-west-1"] };

    private static readonly AuditReport Report = new PolicyEngine(IamCatalog.Default).Audit(Inventory, Now);

    private static IEnumerable<(string, string)> Listing(ReportSet set) => set.Files.Select(f => (f.Name, f.ContentType));

    [Fact]
    public void An_account_set_lists_the_three_reports_what_the_caller_keeps_beside_them_and_the_asff_batches()
    {
        var firstSeen = SnapshotJson.FirstSeenFor(Report, null);
        var cli = ReportSet.Account(Report, Inventory, firstSeen, new AccountSetOptions("eu-west-1", null) { Snapshot = true });
        var function = ReportSet.Account(Report, Inventory, firstSeen, new AccountSetOptions("eu-west-1", null) { Inventory = true });

        Assert.True(Asff.BatchCount(Report) > 1, "the report makes several ASFF batches");
        (string, string)[] reports = [("report.json", "application/json"), ("report.md", "text/markdown; charset=utf-8"), ("report.html", "text/html; charset=utf-8")];
        var batches = Enumerable.Range(1, Asff.BatchCount(Report)).Select(i => ($"asff/batch-{i:000}.json", "application/json")).ToList();
        Assert.Equal([.. reports, ("snapshot.json", "application/json"), .. batches], Listing(cli));
        Assert.Equal([.. reports, ("inventory.json", "application/json"), .. batches], Listing(function));
        Assert.Equal(batches.Select(b => b.Item1), cli.AsffBatches.Select(f => f.Name));
    }

    [Fact]
    public void Each_file_holds_what_its_writer_writes_in_utf8_without_a_byte_order_mark()
    {
        var firstSeen = SnapshotJson.FirstSeenFor(Report, null);
        var set = ReportSet.Account(Report, Inventory, firstSeen, new AccountSetOptions("eu-west-1", "https://docs.example/imaudit/"));

        Assert.Equal(ReportJson.Write(Report), set["report.json"].Bytes());
        Assert.Equal(Encoding.UTF8.GetBytes(ReportMarkdown.Render(Report)), set["report.md"].Bytes());
        Assert.Equal(Encoding.UTF8.GetBytes(ReportHtml.Render(Report, "https://docs.example/imaudit/")), set["report.html"].Bytes());
        Assert.Equal(Asff.Batch(Report, 1, firstSeen, "eu-west-1", "aws", "https://docs.example/imaudit/"), set["asff/batch-002.json"].Bytes());
    }

    [Fact]
    public void An_organization_set_has_asff_batches_account_by_account_in_each_account_region_unless_one_is_given()
    {
        var owner = Org.Owner(Org.Plan, Org.Share($"{{\"AWS\":\"{Org.Member}\"}}", "\"ssm-incidents:*\"", "\"*\""));
        var member = Org.MemberWith(Org.Responder, Org.Allow("\"ssm-incidents:*\"")) with { Regions = ["ap-south-1"] };
        var report = Org.Audit([owner, member], Org.Org(Org.Central, Org.Member));
        var firstSeen = OrganizationSnapshot.FirstSeenFor(report, null);

        var function = OrganizationReportSet.Of(report, firstSeen, new OrganizationSetOptions(null));
        var cli = OrganizationReportSet.Of(report, firstSeen, new OrganizationSetOptions(null) { Snapshot = (report, [owner, member]), Asff = [owner, member] });
        var named = OrganizationReportSet.Of(report, firstSeen, new OrganizationSetOptions(null) { Asff = [owner, member], AsffRegion = "us-west-2" });

        Assert.Equal(["report.json", "report.md", "report.html"], function.Files.Select(f => f.Name));
        Assert.Equal(["report.json", "report.md", "report.html", "snapshot.json", "asff/batch-001.json", "asff/batch-002.json"], cli.Files.Select(f => f.Name));
        Assert.Equal([(Org.Central, "us-east-1"), (Org.Member, "ap-south-1")], cli.AsffBatches.Select(Where));
        Assert.Equal([(Org.Central, "us-west-2"), (Org.Member, "us-west-2")], named.AsffBatches.Select(Where));
        Assert.Equal(OrganizationSnapshot.Write([owner, member], report, firstSeen), cli["snapshot.json"].Bytes());
    }

    // The one account and the one Region of every finding in a batch.
    private static (string, string) Where(ReportFile batch)
    {
        using var json = JsonDocument.Parse(batch.Bytes());
        var findings = json.RootElement.GetProperty("Findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        var account = Assert.Single(findings.Select(f => f.GetProperty("AwsAccountId").GetString()).Distinct());
        var region = Assert.Single(findings.Select(f => f.GetProperty("Region").GetString()).Distinct());
        return (account!, region!);
    }
}
