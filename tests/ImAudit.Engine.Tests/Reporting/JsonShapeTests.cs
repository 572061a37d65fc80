using System.Text;
using System.Text.Json;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Drift;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Reports;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Reporting;

/// <summary>
/// Issue 14's size target: report.json spent a third of its bytes on whitespace (one action name per line), and the
/// snapshot and ASFF batches, which only programs read, were indented too. report.json stays indented for people,
/// with lists of names on one line; the snapshot and ASFF carry no whitespace; all still read back.
/// </summary>
public class JsonShapeTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-02T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly AccountInventory Inventory =
        Account([User("admin", Allow("""["ssm-incidents:*","ssm-contacts:*"]""")), User("reader", Allow("""["ssm-incidents:Get*","ssm-incidents:List*"]"""))]);

    private static readonly AuditReport Report = new PolicyEngine(IamCatalog.Default).Audit(Inventory, Now);

    private static string Text(Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public void Report_json_is_indented_with_each_list_of_names_on_one_line()
    {
        var json = Text(s => ReportJson.Write(s, Report));
        var lines = json.Split('\n');

        // Objects are still one member per line…
        Assert.Contains(lines, l => l == "  \"schemaVersion\": \"2\",");
        // …but no line holds a lone action name: each list of them is one line.
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("\"ssm-incidents:", StringComparison.Ordinal));
        var admin = JsonDocument.Parse(json).RootElement.GetProperty("principals").EnumerateArray()
            .Single(p => p.GetProperty("arn").GetString()!.EndsWith("user/admin", StringComparison.Ordinal));
        var excess = admin.GetProperty("excess");
        Assert.True(excess.GetArrayLength() > 10);
        Assert.Contains(lines, l => l.Contains("\"excess\": [\"", StringComparison.Ordinal) && l.Contains("\",\"", StringComparison.Ordinal));
    }

    [Fact]
    public void The_snapshot_and_asff_batches_carry_no_whitespace_and_read_back()
    {
        var snapshot = Text(s => SnapshotJson.Write(s, Inventory, Report));
        var batch = Text(s => Asff.WriteBatch(s, Report, 0, new Dictionary<string, DateTimeOffset>(), "us-east-1"));

        Assert.DoesNotContain('\n', snapshot);
        Assert.DoesNotContain('\n', batch);
        Assert.Equal(Report.Findings.Length, JsonDocument.Parse(batch).RootElement.GetProperty("Findings").GetArrayLength());
        var read = AuditSnapshot.Read(Encoding.UTF8.GetBytes(snapshot), "snapshot.json", out var error);
        Assert.Null(error);
        Assert.Equal(Report.Findings.Select(f => f.Fingerprint).Order(), read!.Findings.Select(f => f.Fingerprint).Order());
    }
}
