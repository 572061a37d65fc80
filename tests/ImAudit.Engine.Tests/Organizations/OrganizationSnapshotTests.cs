using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Organizations;
using static ImAudit.Engine.Tests.Rules.OrganizationHarness;

namespace ImAudit.Engine.Tests.Organizations;

/// <summary>The organization snapshot keeps what the next run's drift reads back, not a second copy of report.json.</summary>
public class OrganizationSnapshotTests
{
    private static OrganizationReport Report()
    {
        var owner = Owner(Plan, Share($"{{\"AWS\":\"{Member}\"}}", "\"ssm-incidents:*\"", "\"*\""));
        var member = MemberWith(Responder, Allow("\"ssm-incidents:*\""));
        return Audit([owner, member], Org(Central, Member));
    }

    private static object Drift(Finding f) =>
        (f.Fingerprint, f.RuleId, f.Severity, f.Message, f.Resource, f.AccountId, f.Location,
            string.Join(",", f.Details.Entries.Where(e => e.Value is TextDetail).Select(e => $"{e.Key}={((TextDetail)e.Value).Value}")));

    [Fact]
    public void Every_finding_reads_back_with_what_drift_compares_and_the_lists_only_the_report_has_are_left_out()
    {
        var report = Report();
        Assert.Contains(report.Findings, f => f.RuleId == "IMA701" && f.Details.Entries.Any(e => e.Key == "actions"));

        var json = OrganizationSnapshot.Write([], report);
        var read = OrganizationSnapshot.Read(json, "snapshot", out var error);

        Assert.Null(error);
        Assert.Equal(report.Findings.Select(Drift), read!.Findings.Select(Drift));
        Assert.DoesNotContain("\"actions\"", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        Assert.DoesNotContain("\"crossAccountReach\"", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        Assert.True(json.Length < OrganizationReportJson.Write(report).Length, "the snapshot is smaller than the report it keeps findings of");
    }

    // Regression: the account snapshot's schema moved to 2 and the organization snapshot, sharing its number, refused
    // every organization snapshot written before (each finding would have been new once).
    [Fact]
    public void A_snapshot_holding_the_whole_report_as_earlier_versions_wrote_it_is_read_the_same()
    {
        var report = Report();
        var current = JsonNode.Parse(OrganizationSnapshot.Write([], report))!.AsObject();
        current["report"] = JsonNode.Parse(OrganizationReportJson.Write(report));
        current["schemaVersion"] = "1";
        var earlier = Encoding.UTF8.GetBytes(current.ToJsonString());

        var read = OrganizationSnapshot.Read(earlier, "earlier", out var error);

        Assert.Null(error);
        Assert.Equal(report.Findings.Select(Drift), read!.Findings.Select(Drift));
    }
}
