using System.Globalization;
using System.Text;
using ImAudit.Engine.Drift;
using ImAudit.Engine.Findings;
using static ImAudit.Engine.Reports.Html.HtmlText;

namespace ImAudit.Engine.Reports.Html;

/// <summary>
/// The findings table: this run's findings and, after a previous run, the resolved ones (shown when the drift filter
/// asks for them); filters by text, minimum severity and drift, grouping by rule, principal or resource. The state
/// is in the URL's fragment (<c>#q=…&amp;sev=high&amp;drift=new&amp;group=rule</c>), so a filtered view can be sent on.
/// </summary>
internal static class FindingsSection
{
    public static void Drift(StringBuilder h, FindingsDrift? drift)
    {
        if (drift is null)
            return;
        h.Append(CultureInfo.InvariantCulture, $"<h2 id=\"drift\">Since the previous run ({drift.PreviousGeneratedAt:yyyy-MM-dd HH:mm} UTC)</h2>");
        h.Append(CultureInfo.InvariantCulture,
            $"<p><a href=\"#drift=new\">{drift.New.Length} new</a>, <a href=\"#drift=resolved\">{drift.Resolved.Length} resolved</a>, <a href=\"#drift=persisting\">{drift.Persisting.Length} persisting</a>.</p>");
    }

    public static void Render(StringBuilder h, IReadOnlyList<Finding> findings, FindingsDrift? drift, TextWriter? spill = null)
    {
        var resolved = drift?.Resolved ?? [];
        h.Append(CultureInfo.InvariantCulture, $"<h2 id=\"findings\">Findings ({findings.Count})</h2>");
        h.Append("<p class=\"filters\"><input id=\"q\" type=\"search\" placeholder=\"filter: rule, resource or words\" aria-label=\"filter findings\"> ");
        h.Append("<select id=\"sev\" aria-label=\"minimum severity\"><option value=\"info\">all severities</option><option value=\"low\">low and above</option><option value=\"medium\">medium and above</option><option value=\"high\">high and above</option><option value=\"critical\">critical</option></select> ");
        if (drift is not null)
            h.Append("<select id=\"drift-filter\" aria-label=\"drift\"><option value=\"\">current (new and persisting)</option><option value=\"new\">new</option><option value=\"persisting\">persisting</option><option value=\"resolved\">resolved</option><option value=\"all\">current and resolved</option></select> ");
        h.Append("<select id=\"group\" aria-label=\"group by\"><option value=\"\">no grouping</option><option value=\"rule\">group by rule</option><option value=\"principal\">group by principal</option><option value=\"resource\">group by resource</option></select> ");
        h.Append("<span id=\"shown\"></span></p>");
        h.Append("<table id=\"findings-table\" class=\"findings\"><colgroup><col class=\"c-sev\"><col class=\"c-rule\"><col class=\"c-res\"><col><col class=\"c-where\"></colgroup>");
        h.Append("<thead><tr><th data-key=\"sev\">severity</th><th data-key=\"rule\">rule</th><th data-key=\"resource\">resource</th><th>finding</th><th>where</th></tr></thead><tbody>");
        var fresh = drift?.New.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var f in findings)
        {
            Row(h, f, drift is null ? null : fresh.Contains(f.Fingerprint) ? "new" : "persisting");
            h.SpillTo(spill);
        }
        foreach (var f in resolved)
        {
            Row(h, f, "resolved");
            h.SpillTo(spill);
        }
        h.Append("</tbody></table>");
    }

    private static void Row(StringBuilder h, Finding f, string? drift)
    {
        // The resource is read from its cell by the page's script (not repeated in an attribute: the page stays small at scale).
        h.Append(CultureInfo.InvariantCulture, $"<tr class=\"finding\" data-sev=\"{(int)f.Severity}\" data-rule=\"{E(f.RuleId)}\"");
        if (drift is not null)
            h.Append(CultureInfo.InvariantCulture, $" data-drift=\"{drift}\"");
        h.Append(CultureInfo.InvariantCulture, $"><td><span class=\"sev {f.Severity.Name()}\">{f.Severity.Name()}</span>");
        if (drift is "new" or "resolved")
            h.Append(CultureInfo.InvariantCulture, $" <span class=\"tag {drift}\">{drift}</span>");
        h.Append(CultureInfo.InvariantCulture, $"</td><td><a href=\"#rule-{E(f.RuleId)}\">{E(f.RuleId)}</a></td><td><code class=\"res\">{E(f.Resource)}</code>");
        if (f.AccountId is { } account)
            h.Append(CultureInfo.InvariantCulture, $" <span class=\"meta\">account {E(account)}</span>");
        h.Append(CultureInfo.InvariantCulture, $"</td><td>{Message(f.Message)}</td><td>");
        FindingWhere.Append(h, f);
        h.Append("</td></tr>");
    }
}
