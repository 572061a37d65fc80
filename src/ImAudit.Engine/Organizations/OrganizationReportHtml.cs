using System.Globalization;
using System.Text;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Reports;
using ImAudit.Engine.Reports.Html;
using static ImAudit.Engine.Reports.Html.HtmlText;

namespace ImAudit.Engine.Organizations;

/// <summary>
/// <c>report.html</c> of an organization audit: one self-contained page (the account report's style and script) with
/// the per-account table, who reaches which response plans and contacts across accounts (drawn, then listed), drift,
/// the findings (filtered and grouped as in the account report) and each rule's remediation. Composed in a small buffer
/// handed on to the destination as it fills (<see cref="TextSpill"/>), as the account page is.
/// </summary>
internal static class OrganizationReportHtml
{
    /// <summary>The page whole (tests); what writes files and uploads streams it with the overload below.</summary>
    internal static string Render(OrganizationReport report, string? docsBaseUrl = null) =>
        Whole.Text(text => Render(text, report, docsBaseUrl));

    /// <summary>
    /// The page written to <paramref name="destination"/> as it is composed, never held whole. With
    /// <paramref name="docsBaseUrl"/> (the URL of the ImAudit repository's root) each rule links to its docs page there.
    /// </summary>
    public static void Render(TextWriter destination, OrganizationReport report, string? docsBaseUrl = null)
    {
        var title = $"organization{(report.Organization.Id is { } id ? " " + id : "")}, {report.Accounts.Length} accounts";
        var h = new StringBuilder();
        HtmlPage.Begin(h, title);
        h.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">Generated {report.GeneratedAt:yyyy-MM-dd HH:mm} UTC; catalogue {E(report.CatalogSource)}. ");
        h.Append(report.IsIncomplete ? "<strong class=\"bad\">The audit is incomplete</strong> — see the accounts.</p>" : "The audit is complete.</p>");
        HtmlPage.Counts(h, report.Counts);
        HtmlPage.Navigation(h, ("accounts", "Accounts"), ("reach-picture", "Who reaches what"), ("reach", "Cross-account reach"), ("findings", "Findings"), ("rules", "Rules and remediation"));
        Accounts(h, report, destination);
        NotAudited(h, report, destination);
        ReachPicture.Render(h, report.Findings, showAccounts: true);
        Reach(h, report, destination);
        FindingsSection.Drift(h, report.Drift);
        FindingsSection.Render(h, report.Findings, report.Drift, destination);
        RuleReference.Render(h, report.Findings.Concat(report.Drift?.Resolved ?? []), docsBaseUrl);
        HtmlPage.End(h);
        TextSpill.Drain(h, destination);
    }

    private static void Accounts(StringBuilder h, OrganizationReport report, TextWriter destination)
    {
        h.Append(CultureInfo.InvariantCulture, $"<h2 id=\"accounts\">Accounts ({report.Accounts.Length})</h2>");
        h.Append("<table id=\"accounts-table\" class=\"plain\"><thead><tr><th>account</th><th>name</th><th>state</th><th>source</th><th>coverage</th><th>critical</th><th>high</th><th>medium</th><th>low</th><th>info</th></tr></thead><tbody>");
        foreach (var (account, view) in report.AccountViews())
        {
            var c = view.Counts;
            h.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(account.AccountId)}</code></td><td>{E(account.Member?.Name ?? "")}</td><td>{E(account.Member?.State ?? "")}</td><td><code>{E(view.Source ?? "")}</code></td>");
            h.Append(view.IsIncomplete ? $"<td class=\"bad\">{view.Coverage.Length} gaps</td>" : "<td>complete</td>");
            h.Append(CultureInfo.InvariantCulture, $"<td>{c[Severity.Critical]}</td><td>{c[Severity.High]}</td><td>{c[Severity.Medium]}</td><td>{c[Severity.Low]}</td><td>{c[Severity.Info]}</td></tr>");
            h.SpillTo(destination);
        }
        h.Append("</tbody></table>");
    }

    private static void NotAudited(StringBuilder h, OrganizationReport report, TextWriter destination)
    {
        if (report.NotAudited.IsEmpty)
            return;
        h.Append(CultureInfo.InvariantCulture, $"<h2 id=\"not-audited\">Accounts not audited ({report.NotAudited.Length})</h2>");
        h.Append("<table id=\"not-audited-table\" class=\"plain\"><thead><tr><th>account</th><th>name</th><th>status</th><th>reason</th></tr></thead><tbody>");
        foreach (var a in report.NotAudited)
        {
            h.Append(CultureInfo.InvariantCulture,
                $"<tr><td><code>{E(a.AccountId)}</code></td><td>{E(a.Name ?? "")}</td><td{(a.Failed ? " class=\"bad\"" : "")}>{(a.Failed ? "failed" : "skipped")}</td><td>{Message(a.Reason)}</td></tr>");
            h.SpillTo(destination);
        }
        h.Append("</tbody></table>");
    }

    private static void Reach(StringBuilder h, OrganizationReport report, TextWriter destination)
    {
        h.Append(CultureInfo.InvariantCulture, $"<h2 id=\"reach\">Cross-account reach ({report.Reach.Length})</h2>");
        if (report.Reach.IsEmpty)
        {
            h.Append("<p>No principal reaches a response plan or contact of another account.</p>");
            return;
        }
        h.Append("<table id=\"reach-table\" class=\"plain\"><thead><tr><th>principal</th><th style=\"width:9em\">account</th><th>reaches</th><th style=\"width:9em\">of account</th><th>actions</th></tr></thead><tbody>");
        foreach (var r in report.Reach)
        {
            var actions = string.Join(", ", r.Actions.Select(a => a.Action.FullName + (a.Conditional ? " (conditional)" : "")));
            h.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(r.Principal.Principal.Arn)}</code></td><td>{E(r.PrincipalAccount)}</td><td><code>{E(r.ResourceArn)}</code></td><td>{E(r.ResourceAccount)}</td><td>{E(actions)}</td></tr>");
            h.SpillTo(destination);
        }
        h.Append("</tbody></table>");
    }
}
