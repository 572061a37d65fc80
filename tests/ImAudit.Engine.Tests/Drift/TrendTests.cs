using ImAudit.Engine.Reports;
using System.Text.Json.Nodes;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Drift;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Tests.Rules;

namespace ImAudit.Engine.Tests.Drift;

/// <summary>The snapshot carries the finding counts of the last runs, so that each report can draw the trend.</summary>
public class TrendTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-01T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly PolicyEngine Engine = new(IamCatalog.Default);

    private static AccountInventory Account(int users) =>
        AccountHarness.Account([.. Enumerable.Range(0, users).Select(i => AccountHarness.User($"user{i}", AccountHarness.Allow("\"ssm-incidents:DeleteResponsePlan\"")))]);

    private static AuditSnapshot Read(byte[] bytes) => AuditSnapshot.Read(bytes, "snapshot.json", out var error) ?? throw new InvalidOperationException(error);

    [Fact]
    public void Each_run_adds_its_counts_to_the_trend_the_previous_snapshot_carried()
    {
        AuditSnapshot? previous = null;
        var high = new List<int>();
        for (var run = 0; run < 3; run++)
        {
            var inventory = Account(run + 1);
            var report = Engine.Audit(inventory, Start.AddDays(run), null, previous);
            high.Add(report.Counts[Severity.High]);
            previous = Read(SnapshotJson.Write(inventory, report));
        }

        Assert.Equal([Start, Start.AddDays(1), Start.AddDays(2)], previous!.Trend.Select(r => r.GeneratedAt));
        Assert.Equal(high, previous.Trend.Select(r => r[Severity.High]));
        Assert.True(high[0] < high[1] && high[1] < high[2]);
        Assert.Equal(previous.Findings.Length, previous.Trend[^1].Total);
    }

    [Fact]
    public void A_snapshot_written_before_trends_reads_as_its_own_one_run()
    {
        var inventory = Account(2);
        var json = JsonNode.Parse(SnapshotJson.Write(inventory, Engine.Audit(inventory, Start)))!.AsObject();
        Assert.True(json.Remove("trend"));

        var old = Read(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));
        var next = Engine.Audit(inventory, Start.AddDays(1), null, old);

        var only = Assert.Single(old.Trend);
        Assert.Equal((Start, 2), (only.GeneratedAt, only[Severity.High]));
        Assert.Equal(2, next.Trend.Length);
    }

    [Fact]
    public void The_trend_keeps_the_newest_30_runs_oldest_first_and_a_replayed_run_once()
    {
        var earlier = Enumerable.Range(0, 40).Select(i => new RunCounts(Start.AddDays(i), [0, 0, 0, i, 0])).Reverse().ToList();

        var trend = RunCounts.Extend(earlier, new RunCounts(Start.AddDays(40), [0, 0, 0, 40, 0]));
        var replayed = RunCounts.Extend(trend, new RunCounts(Start.AddDays(40), [0, 0, 0, 41, 0]));

        Assert.Equal(RunCounts.MaxRuns, trend.Length);
        Assert.Equal(Enumerable.Range(11, 30), trend.Select(r => r[Severity.High]));
        Assert.Equal(RunCounts.MaxRuns, replayed.Length);
        Assert.Equal(41, replayed[^1][Severity.High]);
        Assert.Equal(39, replayed[^2][Severity.High]);
    }

    [Fact]
    public void Unreadable_trend_entries_are_skipped_not_fatal()
    {
        var inventory = Account(1);
        var json = JsonNode.Parse(SnapshotJson.Write(inventory, Engine.Audit(inventory, Start)))!.AsObject();
        json["trend"] = JsonNode.Parse("""[{"generatedAt":"not a date","counts":{}},{"generatedAt":"2026-10-31T06:00:00Z","counts":{"high":"x","low":2}},7]""");

        var snapshot = Read(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));

        var run = Assert.Single(snapshot.Trend);
        Assert.Equal((0, 2), (run[Severity.High], run[Severity.Low]));
    }
}
