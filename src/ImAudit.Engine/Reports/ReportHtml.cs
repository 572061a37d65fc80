using System.Globalization;
using System.Text;
using ImAudit.Engine.Reports.Html;
using static ImAudit.Engine.Reports.Html.HtmlText;

namespace ImAudit.Engine.Reports;

/// <summary>
/// <c>report.html</c>: one self-contained page (no network, no external assets, a Content-Security-Policy to keep it
/// so) — the summary, the trend over the runs the snapshot remembers, what changed since the previous run, the
/// findings (filtered, grouped and sorted in the page, the view in the URL's fragment), who reaches which response
/// plans and contacts, the access matrix, each rule's remediation, and coverage. The pieces are under
/// <c>Reports/Html</c>; docs/report.md describes the page.
/// </summary>
internal static class ReportHtml
{
    public static string Render(AuditReport report, string? docsBaseUrl = null) =>
        Whole.Text(text => Render(text, report, docsBaseUrl));

    /// <summary>
    /// The page written to <paramref name="destination"/> as it is composed, never held whole. With
    /// <paramref name="docsBaseUrl"/> (the URL of the ImAudit repository's root) each rule links to its docs page there.
    /// </summary>
    public static void Render(TextWriter destination, AuditReport report, string? docsBaseUrl = null)
    {
        var h = new StringBuilder();
        HtmlPage.Begin(h, $"account {report.AccountId}");
        h.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">Generated {report.GeneratedAt:yyyy-MM-dd HH:mm} UTC from <code>{E(report.Source ?? "inventory")}</code>; catalogue {E(report.CatalogSource)}; {report.PoliciesAudited} policy documents audited. ");
        h.Append(report.IsIncomplete ? "<strong class=\"bad\">The audit is incomplete</strong> — see <a href=\"#coverage\">Coverage</a>.</p>"
            : report.IsIamOnly ? "The audit is complete for IAM; <strong>Incident Manager resources: not in this input</strong> — see <a href=\"#coverage\">Coverage</a>.</p>"
            : "The audit is complete.</p>");
        HtmlPage.Counts(h, report.Counts);
        HtmlPage.Navigation(h, ("trend", "Trend"), ("findings", "Findings"), ("reach-picture", "Who reaches what"), ("access", "Access matrix"), ("rules", "Rules and remediation"), ("coverage", "Coverage"));
        TrendChart.Render(h, report.Trend);
        FindingsSection.Drift(h, report.Drift);
        FindingsSection.Render(h, report.Findings, report.Drift, destination);
        ReachPicture.Render(h, report.Findings, showAccounts: false);
        AccessMatrix.Render(h, report, destination);
        RuleReference.Render(h, report.Findings.Concat(report.Drift?.Resolved ?? []), docsBaseUrl);
        Coverage(h, report);
        HtmlPage.End(h);
        TextSpill.Drain(h, destination);
    }

    private static void Coverage(StringBuilder h, AuditReport report)
    {
        h.Append("<h2 id=\"coverage\">Coverage</h2>");
        if (report.Coverage.IsEmpty)
            h.Append("<p>Everything the audit needed was read.</p>");
        h.Append("<ul>");
        foreach (var gap in report.Coverage)
            h.Append(CultureInfo.InvariantCulture, $"<li><b>{E(gap.Kind)}</b> <code>{E(gap.Resource)}</code>: {Message(gap.Detail)}</li>");
        foreach (var note in report.ScopeNotes)
            h.Append(CultureInfo.InvariantCulture, $"<li><b>{E(note.Kind)}</b> {Message(note.Detail)}</li>");
        h.Append(CultureInfo.InvariantCulture, $"</ul><p class=\"meta\">{E(AuditReport.NotApplicable)}</p>");
    }
}
