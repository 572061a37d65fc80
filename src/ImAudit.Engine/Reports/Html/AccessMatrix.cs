using System.Globalization;
using System.Text;
using ImAudit.Engine.Rules;
using static ImAudit.Engine.Reports.Html.HtmlText;

namespace ImAudit.Engine.Reports.Html;

/// <summary>
/// Actions × principals: which Incident Manager actions each principal holds, beyond its baseline highlighted.
/// Principals whose row would be the same (same baseline, same cells) share one row: the page grows with the
/// distinct kinds of access, not with principals × actions. The table scrolls inside its own frame, its header row
/// and principal column sticky, so that the page itself never scrolls sideways.
/// </summary>
internal static class AccessMatrix
{
    public static void Render(StringBuilder h, AuditReport report, TextWriter spill)
    {
        var actions = report.Principals.SelectMany(p => p.Access.Actions.Select(a => a.Action.FullName)).Distinct().Order(StringComparer.Ordinal).ToList();
        h.Append(CultureInfo.InvariantCulture, $"<h2 id=\"access\">Incident Manager access by principal ({report.Principals.Length} principals, {actions.Count} actions)</h2>");
        if (report.Principals.IsEmpty)
        {
            h.Append("<p>No principal has Incident Manager access.</p>");
            return;
        }
        h.Append("<p class=\"legend\"><span class=\"cell held\">●</span> held (within baseline) <span class=\"cell excess\">●</span> beyond its baseline <span class=\"cell cond\">◐</span> only under conditions; principals with the same row share it; the table scrolls inside its frame</p>");
        h.Append("<div class=\"scroll\" id=\"matrix-frame\"><table class=\"matrix\"><thead><tr><th class=\"corner\">principal</th><th class=\"baseline\">baseline</th>");
        foreach (var action in actions)
            h.Append(CultureInfo.InvariantCulture, $"<th class=\"action\"><span>{E(action)}</span></th>");
        h.Append("</tr></thead><tbody>");
        foreach (var row in report.Principals.Select(p => (Principal: p, Cells: Cells(p, actions))).GroupBy(r => (r.Principal.Baseline.Name, r.Cells)))
        {
            var principals = row.Select(r => r.Principal.Principal.Arn).ToList();
            h.Append(principals.Count == 1 ? $"<tr><th><code>{E(principals[0])}</code></th>"
                : $"<tr><th><details><summary>{principals.Count} principals</summary>{string.Concat(principals.Select(a => $"<code>{E(a)}</code><br>"))}</details></th>");
            h.Append(CultureInfo.InvariantCulture, $"<td class=\"baseline\">{E(row.Key.Name)}</td>");
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
    private static string Cells(PrincipalAccess p, List<string> actions)
    {
        var excess = p.Excess?.Excess.Select(e => e.Action.FullName).ToHashSet(StringComparer.Ordinal) ?? [];
        return string.Concat(actions.Select(action => p.Access.Find(action) is not { } held ? '-' : excess.Contains(action) ? 'x' : held.IsConditional ? 'c' : 'h'));
    }
}
