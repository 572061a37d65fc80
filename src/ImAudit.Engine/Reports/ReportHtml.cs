using System.Globalization;
using System.Net;
using System.Text;
using ImAudit.Engine.Findings;

namespace ImAudit.Engine.Reports;

/// <summary>
/// <c>report.html</c>: one self-contained page (no network, no external assets) — the summary, what changed since
/// the previous run, a filterable and sortable findings table (a filter can come in the URL: <c>#q=IMA301</c>), the
/// per-principal Incident Manager access matrix with baseline excess highlighted, engagement reach, and coverage.
/// </summary>
public static class ReportHtml
{
    public static string Render(AuditReport report)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Render(text, report);
        return text.ToString();
    }

    /// <summary>The page written to <paramref name="destination"/> as it is composed, never held whole.</summary>
    public static void Render(TextWriter destination, AuditReport report)
    {
        var h = new StringBuilder();
        h.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        h.Append(CultureInfo.InvariantCulture, $"<title>ImAudit — account {E(report.AccountId)}</title><style>{Style}</style></head><body>");
        h.Append(CultureInfo.InvariantCulture, $"<h1>ImAudit report — account {E(report.AccountId)}</h1>");
        h.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">Generated {report.GeneratedAt:yyyy-MM-dd HH:mm} UTC from <code>{E(report.Source ?? "inventory")}</code>; catalogue {E(report.CatalogSource)}; {report.PoliciesAudited} policy documents audited. ");
        h.Append(report.IsIncomplete ? "<strong class=\"bad\">The audit is incomplete</strong> — see Coverage.</p>" : "The audit is complete.</p>");
        h.Append("<div class=\"counts\">");
        foreach (var (severity, count) in report.Counts.OrderByDescending(kv => kv.Key))
            h.Append(CultureInfo.InvariantCulture, $"<div class=\"count {severity.Name()}\"><b>{count}</b>{severity.Name()}</div>");
        h.Append("</div>");
        Drift(h, report.Drift);
        Findings(h, report.Findings, report.Drift, destination);
        Matrix(h, report, destination);
        Reach(h, report, destination);
        Coverage(h, report);
        h.Append(CultureInfo.InvariantCulture, $"<script>{Script}</script></body></html>");
        TextSpill.Drain(h, destination);
    }

    internal static void Drift(StringBuilder h, Drift.FindingsDrift? drift)
    {
        if (drift is null)
            return;
        h.Append(CultureInfo.InvariantCulture, $"<h2 id=\"drift\">Since the previous run ({drift.PreviousGeneratedAt:yyyy-MM-dd HH:mm} UTC)</h2>");
        h.Append(CultureInfo.InvariantCulture, $"<p>{drift.New.Length} new, {drift.Resolved.Length} resolved, {drift.Persisting.Length} persisting.</p><ul class=\"drift\">");
        foreach (var f in drift.New)
            h.Append(CultureInfo.InvariantCulture, $"<li><span class=\"tag new\">new</span> <span class=\"sev {f.Severity.Name()}\">{f.Severity.Name()}</span> {E(f.RuleId)} <code>{E(f.Resource)}</code> — {E(f.Message)}</li>");
        foreach (var f in drift.Resolved)
            h.Append(CultureInfo.InvariantCulture, $"<li><span class=\"tag resolved\">resolved</span> <span class=\"sev {f.Severity.Name()}\">{f.Severity.Name()}</span> {E(f.RuleId)} <code>{E(f.Resource)}</code> — {E(f.Message)}</li>");
        h.Append("</ul>");
    }

    internal static void Findings(StringBuilder h, IReadOnlyList<Finding> findings, Drift.FindingsDrift? drift, TextWriter? spill = null)
    {
        h.Append(CultureInfo.InvariantCulture, $"<h2 id=\"findings\">Findings ({findings.Count})</h2>");
        h.Append("<p class=\"filters\"><input id=\"q\" type=\"search\" placeholder=\"filter: rule, resource or words\" aria-label=\"filter findings\"> ");
        h.Append("<select id=\"sev\" aria-label=\"minimum severity\"><option value=\"0\">all severities</option><option value=\"1\">low and above</option><option value=\"2\">medium and above</option><option value=\"3\">high and above</option><option value=\"4\">critical</option></select> ");
        h.Append("<span id=\"shown\"></span></p>");
        h.Append("<table id=\"findings-table\"><thead><tr><th data-key=\"sev\">severity</th><th data-key=\"rule\">rule</th><th data-key=\"resource\">resource</th><th>finding</th><th>where</th></tr></thead><tbody>");
        var fresh = drift?.New.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var f in findings)
        {
            var where = f.Location is { } l ? $"{l.Policy}{(l.Statement is { } s ? $" statement {s}" : "")}{(l.Pointer is { Length: > 0 } p ? $" {p}" : "")}" : "";
            h.Append(CultureInfo.InvariantCulture, $"<tr class=\"finding\" data-sev=\"{(int)f.Severity}\" data-rule=\"{E(f.RuleId)}\" data-resource=\"{E(f.Resource)}\">");
            h.Append(CultureInfo.InvariantCulture, $"<td><span class=\"sev {f.Severity.Name()}\">{f.Severity.Name()}</span>{(fresh.Contains(f.Fingerprint) ? " <span class=\"tag new\">new</span>" : "")}</td>");
            h.Append(CultureInfo.InvariantCulture, $"<td>{E(f.RuleId)}</td><td><code>{E(f.Resource)}</code>{(f.AccountId is { } account ? $" <span class=\"meta\">account {E(account)}</span>" : "")}</td><td>{E(f.Message)}</td><td><code>{E(where)}</code></td></tr>");
            h.SpillTo(spill);
        }
        h.Append("</tbody></table>");
    }

    // Actions × principals: which Incident Manager actions each principal holds; beyond its baseline highlighted.
    // Principals whose row would be the same (same baseline, same cells) share one row: the page grows with the
    // distinct kinds of access, not with principals × actions.
    private static void Matrix(StringBuilder h, AuditReport report, TextWriter spill)
    {
        var actions = report.Principals.SelectMany(p => p.Access.Actions.Select(a => a.Action.FullName)).Distinct().Order(StringComparer.Ordinal).ToList();
        h.Append(CultureInfo.InvariantCulture, $"<h2 id=\"access\">Incident Manager access by principal ({report.Principals.Length} principals, {actions.Count} actions)</h2>");
        if (report.Principals.IsEmpty)
        {
            h.Append("<p>No principal has Incident Manager access.</p>");
            return;
        }
        h.Append("<p class=\"legend\"><span class=\"cell held\">●</span> held (within baseline) <span class=\"cell excess\">●</span> beyond its baseline <span class=\"cell cond\">◐</span> only under conditions; principals with the same row share it</p>");
        h.Append("<div class=\"scroll\"><table class=\"matrix\"><thead><tr><th>principal</th><th>baseline</th>");
        foreach (var action in actions)
            h.Append(CultureInfo.InvariantCulture, $"<th class=\"action\"><span>{E(action)}</span></th>");
        h.Append("</tr></thead><tbody>");
        foreach (var row in report.Principals.Select(p => (Principal: p, Cells: Cells(p, actions))).GroupBy(r => (r.Principal.Baseline.Name, r.Cells)))
        {
            var principals = row.Select(r => r.Principal.Principal.Arn).ToList();
            h.Append(principals.Count == 1 ? $"<tr><th><code>{E(principals[0])}</code></th>"
                : $"<tr><th><details><summary>{principals.Count} principals</summary>{string.Concat(principals.Select(a => $"<code>{E(a)}</code><br>"))}</details></th>");
            h.Append(CultureInfo.InvariantCulture, $"<td>{E(row.Key.Name)}</td>");
            for (var i = 0; i < actions.Count; i++)
            {
                h.Append(row.Key.Cells[i] switch
                {
                    'x' => $"<td class=\"cell excess\" title=\"{E(actions[i])}: beyond {E(row.Key.Name)}\">●</td>",
                    'c' => $"<td class=\"cell cond\" title=\"{E(actions[i])}: under conditions\">◐</td>",
                    'h' => $"<td class=\"cell held\" title=\"{E(actions[i])}\">●</td>",
                    _ => "<td></td>",
                });
            }
            h.Append("</tr>");
            h.SpillTo(spill);
        }
        h.Append("</tbody></table></div>");
    }

    // One letter per action: not held, beyond the baseline, conditional, held.
    private static string Cells(Rules.PrincipalAccess p, List<string> actions)
    {
        var excess = p.Excess?.Excess.Select(e => e.Action.FullName).ToHashSet(StringComparer.Ordinal) ?? [];
        return string.Concat(actions.Select(action => p.Access.Find(action) is not { } held ? '-' : excess.Contains(action) ? 'x' : held.IsConditional ? 'c' : 'h'));
    }

    private static void Reach(StringBuilder h, AuditReport report, TextWriter spill)
    {
        var reach = report.Findings.Where(f => f.RuleId == Rules.RuleIds.EngagementReach).ToList();
        h.Append(CultureInfo.InvariantCulture, $"<h2 id=\"reach\">Engagement reach ({reach.Count} principals can page someone)</h2><ul>");
        foreach (var f in reach)
        {
            h.Append(CultureInfo.InvariantCulture, $"<li>{E(f.Message)}</li>");
            h.SpillTo(spill);
        }
        h.Append("</ul>");
    }

    private static void Coverage(StringBuilder h, AuditReport report)
    {
        h.Append("<h2 id=\"coverage\">Coverage</h2>");
        if (report.Coverage.IsEmpty)
            h.Append("<p>Everything the audit needed was read.</p>");
        h.Append("<ul>");
        foreach (var gap in report.Coverage)
            h.Append(CultureInfo.InvariantCulture, $"<li><b>{E(gap.Kind)}</b> <code>{E(gap.Resource)}</code>: {E(gap.Detail)}</li>");
        h.Append(CultureInfo.InvariantCulture, $"</ul><p class=\"meta\">{E(AuditReport.NotApplicable)}</p>");
    }

    internal static string E(string text) => WebUtility.HtmlEncode(text);

    internal const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1d2330}h1{font-size:1.5em}h2{margin-top:2em;font-size:1.2em}
        code{font:12px ui-monospace,monospace}.meta{color:#5b6475}.bad{color:#b3261e}
        .counts{display:flex;gap:.6em}.count{padding:.5em 1em;border-radius:6px;background:#eef1f6;text-align:center}.count b{display:block;font-size:1.4em}
        .sev{padding:0 .4em;border-radius:4px;font-size:12px;color:#fff}.critical{background:#7a0b0b;color:#fff}.high{background:#c0392b;color:#fff}
        .medium{background:#d68910;color:#fff}.low{background:#2e86c1;color:#fff}.info{background:#7f8c8d;color:#fff}
        .tag{font-size:11px;padding:0 .4em;border-radius:4px;border:1px solid}.new{color:#b3261e}.resolved{color:#1e8449}
        table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e3e6ec;padding:.3em .5em;text-align:left;vertical-align:top}
        thead th[data-key]{cursor:pointer;user-select:none}thead th[data-key]:after{content:" ⇅";color:#9aa3b2}
        .filters input{width:24em;padding:.3em}.scroll{overflow:auto;max-height:70vh}
        .matrix th.action{height:11em;white-space:nowrap;vertical-align:bottom}.matrix th.action span{writing-mode:vertical-rl;transform:rotate(180deg);font:11px ui-monospace,monospace}
        .matrix td.cell{text-align:center}.held{color:#2e86c1}.excess{color:#fff;background:#c0392b}.cond{color:#d68910}
        """;

    // Filtering (text and minimum severity; the URL's #q= sets the text, as typed when it is not valid percent-encoding) and sorting by a header click.
    internal const string Script = """
        (function(){
          var q=document.getElementById('q'),sev=document.getElementById('sev'),shown=document.getElementById('shown');
          var rows=Array.prototype.slice.call(document.querySelectorAll('#findings-table tbody tr'));
          function apply(){
            var text=q.value.toLowerCase(),min=parseInt(sev.value,10),n=0;
            rows.forEach(function(r){var ok=r.textContent.toLowerCase().indexOf(text)>=0&&parseInt(r.dataset.sev,10)>=min;r.hidden=!ok;if(ok)n++;});
            shown.textContent=n+' of '+rows.length+' shown';
          }
          var m=/[#&]q=([^&]*)/.exec(location.hash);if(m){try{q.value=decodeURIComponent(m[1]);}catch(e){q.value=m[1];}}
          q.addEventListener('input',apply);sev.addEventListener('change',apply);
          document.querySelectorAll('#findings-table th[data-key]').forEach(function(th){
            var asc=false;th.addEventListener('click',function(){
              asc=!asc;var key=th.dataset.key,body=th.closest('table').tBodies[0];
              rows.sort(function(a,b){var x=a.dataset[key],y=b.dataset[key];if(key==='sev'){x=+x;y=+y;}return (x<y?-1:x>y?1:0)*(asc?1:-1);});
              rows.forEach(function(r){body.appendChild(r);});
            });
          });
          apply();
        })();
        """;
}
