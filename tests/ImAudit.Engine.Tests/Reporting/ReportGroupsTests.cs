using System.Text.Json;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Reports;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Reporting;

/// <summary>
/// Issue 14, item 1: report.json grew with principals × contacts (IMA307 listed every reachable contact for every
/// principal: 49 KB a finding, 434 MB on the synthetic 50× account). Reach many principals share is stated once.
/// </summary>
public class ReportGroupsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static Contact Person(int i) => new($"arn:aws:ssm-contacts:us-east-1:111122223333:contact/person-{i}", $"person-{i}", "PERSONAL", null, [], null);

    // Principals who can page every contact and act on every response plan.
    private static AccountInventory Paging(int principals, int contacts) =>
        Account([.. Enumerable.Range(0, principals).Select(i => User($"responder-{i}", Allow("""["ssm-contacts:StartEngagement","ssm-incidents:GetIncidentRecord"]""")))],
            plans: [.. Enumerable.Range(0, 5).Select(i => Plan($"plan-{i}", "runbook"))])
        with { Contacts = [.. Enumerable.Range(0, contacts).Select(Person)] };

    private static string ReportText(AccountInventory inventory) =>
        System.Text.Encoding.UTF8.GetString(ReportJson.Write(new PolicyEngine(IamCatalog.Default).Audit(inventory, Now)));

    private static int Occurrences(string text, string value) => (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;

    [Fact]
    public void A_contact_is_named_as_often_with_forty_principals_as_with_two()
    {
        var few = ReportText(Paging(2, 30));
        var many = ReportText(Paging(40, 30));

        Assert.Equal(Occurrences(few, "contact/person-17\""), Occurrences(many, "contact/person-17\""));
        Assert.Equal(Occurrences(few, "response-plan/plan-3\""), Occurrences(many, "response-plan/plan-3\""));
        Assert.Equal(40, Occurrences(many, "\"ruleId\": \"IMA307\""));
    }

    [Fact]
    public void Findings_and_principals_refer_to_groups_the_report_states_once()
    {
        using var json = JsonDocument.Parse(ReportText(Paging(3, 4)));
        var root = json.RootElement;
        var groups = root.GetProperty("groups");

        Assert.Equal(AuditReport.SchemaVersion, root.GetProperty("schemaVersion").GetString());
        var reach = root.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("ruleId").GetString() == "IMA307").ToList();
        Assert.Equal(3, reach.Count);
        var reachable = reach.Select(f => f.GetProperty("details").GetProperty("reachable")).ToList();
        Assert.Single(reachable.Select(r => r.GetProperty("group").GetString()).Distinct());
        Assert.Equal(4, reachable[0].GetProperty("count").GetInt32());
        Assert.Equal(Enumerable.Range(0, 4).Select(i => Person(i).Arn), groups.GetProperty(reachable[0].GetProperty("group").GetString()!).EnumerateArray().Select(e => e.GetString()));
        var access = root.GetProperty("principals").EnumerateArray().Select(p => p.GetProperty("access")).ToList();
        Assert.Single(access.Select(a => a.GetProperty("group").GetString()).Distinct());
        var actions = groups.GetProperty(access[0].GetProperty("group").GetString()!).EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Equal(["ssm-contacts:StartEngagement", "ssm-incidents:GetIncidentRecord"], actions);
        Assert.Equal(access[0].GetProperty("count").GetInt32(), actions.Count);
        // Every reference resolves, and every group is referred to.
        var referred = new HashSet<string>(StringComparer.Ordinal);
        Collect(root.GetProperty("findings"), referred);
        Collect(root.GetProperty("principals"), referred);
        Assert.Equal(groups.EnumerateObject().Select(g => g.Name).Order(StringComparer.Ordinal), referred.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_group_id_is_a_digest_of_its_content_the_same_in_every_run()
    {
        var first = JsonDocument.Parse(ReportText(Paging(2, 4))).RootElement.GetProperty("groups").EnumerateObject().Select(g => g.Name).ToList();
        var second = JsonDocument.Parse(ReportText(Paging(5, 4))).RootElement.GetProperty("groups").EnumerateObject().Select(g => g.Name).ToList();
        var other = JsonDocument.Parse(ReportText(Paging(2, 5))).RootElement.GetProperty("groups").EnumerateObject().Select(g => g.Name).ToList();

        Assert.Equal(first, second);
        Assert.NotEmpty(first.Except(other));
    }

    [Fact]
    public void The_organization_report_and_finding_lists_keep_shared_lists_inline()
    {
        var report = new PolicyEngine(IamCatalog.Default).Audit(Paging(2, 3), Now);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            FindingJson.Write(w, report.Findings, []);
            w.WriteEndObject();
        }

        var reach = JsonDocument.Parse(buffer.ToArray()).RootElement.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("ruleId").GetString() == "IMA307");
        Assert.Equal(3, reach.GetProperty("details").GetProperty("reachable").GetArrayLength());
    }

    [Fact]
    public void The_html_access_matrix_has_one_row_for_principals_with_the_same_access()
    {
        var html = ReportHtml.Render(new PolicyEngine(IamCatalog.Default).Audit(Paging(12, 3), Now));

        var matrix = html[html.IndexOf("<table class=\"matrix\">", StringComparison.Ordinal)..];
        matrix = matrix[..matrix.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Equal(1, Occurrences(matrix, "<tr><th><details><summary>12 principals</summary>"));
        Assert.Equal(12, Occurrences(matrix, "<code>arn:aws:iam::111122223333:user/responder-"));
    }

    private static void Collect(JsonElement e, HashSet<string> ids)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            if (e.TryGetProperty("group", out var id) && id.ValueKind == JsonValueKind.String)
                ids.Add(id.GetString()!);
            foreach (var p in e.EnumerateObject())
                Collect(p.Value, ids);
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
                Collect(item, ids);
        }
    }
}
