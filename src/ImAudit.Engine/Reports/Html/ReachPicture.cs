using System.Globalization;
using System.Text;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Rules;
using static ImAudit.Engine.Reports.Html.HtmlText;

namespace ImAudit.Engine.Reports.Html;

/// <summary>
/// Who reaches which response plans and contacts, drawn: principals with the same reach are one node on the left
/// (the largest kinds of reach first), the plans and contacts most reached on the right, a line where one reaches
/// the other. Bounded, so that it stays readable and small however large the account: the rest is counted.
/// Made from the reach findings (IMA306: the plans whose incidents a principal can act on; IMA307: the contacts it
/// can engage), which the organization audit makes across accounts too.
/// </summary>
internal static class ReachPicture
{
    private const int MaxKinds = 8, MaxResources = 12, Row = 26, Width = 960, LeftX = 330, RightX = 630, Pad = 18;

    private sealed record Kind(List<string> Principals, List<string> Resources);

    public static void Render(StringBuilder h, IEnumerable<Finding> findings, bool showAccounts)
    {
        var kinds = KindsOf(findings);
        h.Append("<h2 id=\"reach-picture\">Who reaches which response plans and contacts</h2>");
        if (kinds.Count == 0)
        {
            h.Append("<p>No principal can act on a response plan's incidents or engage a contact.</p>");
            return;
        }
        var shown = kinds.OrderByDescending(k => (long)k.Principals.Count * k.Resources.Count).ThenBy(k => k.Principals[0], StringComparer.Ordinal).Take(MaxKinds).ToList();
        var weight = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var kind in shown)
        {
            foreach (var resource in kind.Resources)
                weight[resource] = weight.GetValueOrDefault(resource) + kind.Principals.Count;
        }
        var resources = weight.OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal).Take(MaxResources).Select(w => w.Key).ToList();
        var all = kinds.SelectMany(k => k.Resources).Distinct(StringComparer.Ordinal).Count();
        var principals = kinds.Sum(k => k.Principals.Count);
        var moreResources = all - resources.Count;
        var moreKinds = kinds.Count - shown.Count;
        h.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">{principals} principals in {kinds.Count} kinds of reach (principals reaching exactly the same plans and contacts are one node) reach {all} response plans and contacts. ");
        h.Append(CultureInfo.InvariantCulture, $"Shown: the {shown.Count} largest kinds{(moreKinds > 0 ? $" (and {moreKinds} more)" : "")} and the {resources.Count} plans and contacts they reach most{(moreResources > 0 ? $" (and {moreResources} more)" : "")}; hover a node for names.</p>");

        var index = resources.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i, StringComparer.Ordinal);
        var rightCount = resources.Count + (moreResources > 0 ? 1 : 0);
        var height = Math.Max(shown.Count, rightCount) * Row + 2 * Pad;
        double Y(int i, int count) => Pad + (height - 2 * Pad) * (i + 0.5) / count;
        h.Append(CultureInfo.InvariantCulture, $"<div class=\"picture\"><svg id=\"reach-svg\" class=\"chart\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"principals and the response plans and contacts they reach\">");
        for (var k = 0; k < shown.Count; k++)
        {
            var kind = shown[k];
            var y1 = Y(k, shown.Count);
            var stroke = 1 + Math.Log2(kind.Principals.Count);
            var targets = kind.Resources.Where(index.ContainsKey).Select(r => index[r]).Distinct().Order().ToList();
            foreach (var t in targets)
                Edge(h, y1, Y(t, rightCount), stroke, IsPlan(resources[t]) ? "plan" : "contact");
            if (kind.Resources.Count > targets.Count)
                Edge(h, y1, Y(rightCount - 1, rightCount), stroke, "more");
        }
        for (var k = 0; k < shown.Count; k++)
        {
            var kind = shown[k];
            var label = Label(kind.Principals[0], showAccounts) + (kind.Principals.Count > 1 ? $" +{kind.Principals.Count - 1}" : "");
            var names = string.Join("\n", kind.Principals.Take(20)) + (kind.Principals.Count > 20 ? $"\n… and {kind.Principals.Count - 20} more" : "");
            h.Append(CultureInfo.InvariantCulture, $"<g class=\"node principal\"><title>{E(names)}\n→ {kind.Resources.Count} plans and contacts</title><circle cx=\"{LeftX}\" cy=\"{Y(k, shown.Count):0.#}\" r=\"5\"/>");
            h.Append(CultureInfo.InvariantCulture, $"<text x=\"{LeftX - 10}\" y=\"{Y(k, shown.Count) + 4:0.#}\" text-anchor=\"end\">{E(Clip(label))}</text></g>");
        }
        for (var r = 0; r < resources.Count; r++)
        {
            var arn = resources[r];
            var kind = IsPlan(arn) ? "plan" : "contact";
            h.Append(CultureInfo.InvariantCulture, $"<g class=\"node {kind}\"><title>{E(arn)}\nreached by {weight[arn]} principals</title><circle cx=\"{RightX}\" cy=\"{Y(r, rightCount):0.#}\" r=\"5\"/>");
            h.Append(CultureInfo.InvariantCulture, $"<text x=\"{RightX + 10}\" y=\"{Y(r, rightCount) + 4:0.#}\">{E(Clip($"{kind} {Label(arn, showAccounts)}"))} <tspan class=\"tick\">{weight[arn]}</tspan></text></g>");
        }
        if (moreResources > 0)
            h.Append(CultureInfo.InvariantCulture, $"<g class=\"node more\"><circle cx=\"{RightX}\" cy=\"{Y(rightCount - 1, rightCount):0.#}\" r=\"5\"/><text x=\"{RightX + 10}\" y=\"{Y(rightCount - 1, rightCount) + 4:0.#}\">and {moreResources} more plans and contacts</text></g>");
        h.Append("</svg></div>");
    }

    private static void Edge(StringBuilder h, double y1, double y2, double stroke, string kind) =>
        h.Append(CultureInfo.InvariantCulture,
            $"<path class=\"edge {kind}\" d=\"M{LeftX},{y1:0.#} C{(LeftX + RightX) / 2},{y1:0.#} {(LeftX + RightX) / 2},{y2:0.#} {RightX},{y2:0.#}\" stroke-width=\"{stroke:0.#}\"/>");

    // Each principal's reach: the union of its IMA306 plans and IMA307 contacts; principals with the same lists share a kind.
    private static List<Kind> KindsOf(IEnumerable<Finding> findings)
    {
        var lists = new Dictionary<string, List<ListDetail>>(StringComparer.Ordinal);
        foreach (var f in findings)
        {
            var list = f.RuleId switch
            {
                RuleIds.ImpliedIncidentAccess => Entry(f, "responsePlans"),
                RuleIds.EngagementReach => Entry(f, "engageable"),
                _ => null,
            };
            if (list is null || list.Items.IsEmpty)
                continue;
            if (!lists.TryGetValue(f.Resource, out var held))
                lists[f.Resource] = held = [];
            held.Add(list);
        }
        return [.. lists.GroupBy(p => string.Join(" ", p.Value.Select(l => l.SharedId ?? Finding.GroupId(l.Items.OfType<TextDetail>().Select(t => t.Value))).Order(StringComparer.Ordinal)), StringComparer.Ordinal)
            .Select(g => new Kind([.. g.Select(p => p.Key).Order(StringComparer.Ordinal)],
                [.. g.First().Value.SelectMany(l => l.Items.OfType<TextDetail>().Select(t => t.Value)).Distinct(StringComparer.Ordinal)]))];
    }

    private static ListDetail? Entry(Finding f, string key) => f.Details.Entries.FirstOrDefault(e => e.Key == key).Value as ListDetail;

    private static bool IsPlan(string arn) => arn.Contains(":response-plan/", StringComparison.Ordinal);

    private static string Label(string arn, bool showAccount) =>
        showAccount && Arn.Parse(arn) is { Account.Length: > 0 } parsed ? $"{ShortName(arn)} · {parsed.Account}" : ShortName(arn);

    private static string Clip(string text) => text.Length <= 42 ? text : text[..41] + "…";
}
