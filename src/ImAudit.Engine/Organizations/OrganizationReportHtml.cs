using System.Globalization;
using System.Text;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Reports;
using static ImAudit.Engine.Reports.ReportHtml;

namespace ImAudit.Engine.Organizations;

/// <summary>
/// <c>report.html</c> of an organization audit: one self-contained page (the account report's style and script) with
/// the per-account table, the cross-account reach table, drift and the filterable findings table.
/// </summary>
public static class OrganizationReportHtml
{
    public static string Render(OrganizationReport report)
    {
        var title = $"organization{(report.Organization.Id is { } id ? " " + id : "")}, {report.Accounts.Length} accounts";
        var h = new StringBuilder();
        h.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        h.Append(CultureInfo.InvariantCulture, $"<title>ImAudit — {E(title)}</title><style>{Style}</style></head><body>");
        h.Append(CultureInfo.InvariantCulture, $"<h1>ImAudit report — {E(title)}</h1>");
        h.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">Generated {report.GeneratedAt:yyyy-MM-dd HH:mm} UTC; catalogue {E(report.CatalogSource)}. ");
        h.Append(report.IsIncomplete ? "<strong class=\"bad\">The audit is incomplete</strong> — see the accounts.</p>" : "The audit is complete.</p>");
        h.Append("<div class=\"counts\">");
        foreach (var (severity, count) in report.Counts.OrderByDescending(kv => kv.Key))
            h.Append(CultureInfo.InvariantCulture, $"<div class=\"count {severity.Name()}\"><b>{count}</b>{severity.Name()}</div>");
        h.Append("</div>");
        Accounts(h, report);
        NotAudited(h, report);
        Reach(h, report);
        ReportHtml.Drift(h, report.Drift);
        ReportHtml.Findings(h, report.Findings, report.Drift);
        h.Append(CultureInfo.InvariantCulture, $"<script>{Script}</script></body></html>");
        return h.ToString();
    }

    private static void Accounts(StringBuilder h, OrganizationReport report)
    {
        h.Append(CultureInfo.InvariantCulture, $"<h2 id=\"accounts\">Accounts ({report.Accounts.Length})</h2>");
        h.Append("<table id=\"accounts-table\"><thead><tr><th>account</th><th>name</th><th>state</th><th>source</th><th>coverage</th><th>critical</th><th>high</th><th>medium</th><th>low</th><th>info</th></tr></thead><tbody>");
        foreach (var (account, view) in report.AccountViews())
        {
            var c = view.Counts;
            h.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(account.AccountId)}</code></td><td>{E(account.Member?.Name ?? "")}</td><td>{E(account.Member?.State ?? "")}</td><td><code>{E(view.Source ?? "")}</code></td>");
            h.Append(view.IsIncomplete ? $"<td class=\"bad\">{view.Coverage.Length} gaps</td>" : "<td>complete</td>");
            h.Append(CultureInfo.InvariantCulture, $"<td>{c[Severity.Critical]}</td><td>{c[Severity.High]}</td><td>{c[Severity.Medium]}</td><td>{c[Severity.Low]}</td><td>{c[Severity.Info]}</td></tr>");
        }
        h.Append("</tbody></table>");
    }

    private static void NotAudited(StringBuilder h, OrganizationReport report)
    {
        if (report.NotAudited.IsEmpty)
            return;
        h.Append(CultureInfo.InvariantCulture, $"<h2 id=\"not-audited\">Accounts not audited ({report.NotAudited.Length})</h2>");
        h.Append("<table id=\"not-audited-table\"><thead><tr><th>account</th><th>name</th><th>status</th><th>reason</th></tr></thead><tbody>");
        foreach (var a in report.NotAudited)
            h.Append(CultureInfo.InvariantCulture,
                $"<tr><td><code>{E(a.AccountId)}</code></td><td>{E(a.Name ?? "")}</td><td{(a.Failed ? " class=\"bad\"" : "")}>{(a.Failed ? "failed" : "skipped")}</td><td>{E(a.Reason)}</td></tr>");
        h.Append("</tbody></table>");
    }

    private static void Reach(StringBuilder h, OrganizationReport report)
    {
        h.Append(CultureInfo.InvariantCulture, $"<h2 id=\"reach\">Cross-account reach ({report.Reach.Length})</h2>");
        if (report.Reach.IsEmpty)
        {
            h.Append("<p>No principal reaches a response plan or contact of another account.</p>");
            return;
        }
        h.Append("<table id=\"reach-table\"><thead><tr><th>principal</th><th>account</th><th>reaches</th><th>of account</th><th>actions</th></tr></thead><tbody>");
        foreach (var r in report.Reach)
        {
            var actions = string.Join(", ", r.Actions.Select(a => a.Action.FullName + (a.Conditional ? " (conditional)" : "")));
            h.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(r.Principal.Principal.Arn)}</code></td><td>{E(r.PrincipalAccount)}</td><td><code>{E(r.ResourceArn)}</code></td><td>{E(r.ResourceAccount)}</td><td>{E(actions)}</td></tr>");
        }
        h.Append("</tbody></table>");
    }
}
