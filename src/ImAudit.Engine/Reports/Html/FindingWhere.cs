using System.Globalization;
using System.Text;
using ImAudit.Engine.Findings;
using static ImAudit.Engine.Reports.Html.HtmlText;

namespace ImAudit.Engine.Reports.Html;

/// <summary>
/// A finding's "where": the policy, the statement (and its Sid), the JSON Pointer and line; for an excess over the
/// baseline (IMA301), also the other policies its details say grant it.
/// </summary>
internal static class FindingWhere
{
    private const int MorePolicies = 4;

    public static void Append(StringBuilder h, Finding f)
    {
        if (f.Location is { } l)
        {
            if (l.Policy is { } policy)
                h.Append(CultureInfo.InvariantCulture, $"<code>{E(policy)}</code>");
            if (l.Statement is { } statement)
                h.Append(CultureInfo.InvariantCulture, $" statement {statement}");
            if (l.Sid is { } sid)
                h.Append(CultureInfo.InvariantCulture, $" (Sid <code>{E(sid)}</code>)");
            if (l.Pointer is { Length: > 0 } pointer)
                h.Append(CultureInfo.InvariantCulture, $" <code>{E(pointer)}</code>");
            if (l.Line is { } line)
                h.Append(CultureInfo.InvariantCulture, $" line {line}");
        }
        var others = GrantedBy(f).Where(p => p != f.Location?.Policy).ToList();
        if (others.Count == 0)
            return;
        h.Append(f.Location is null ? "granted by " : "; also granted by ");
        h.AppendJoin(", ", others.Take(MorePolicies).Select(p => $"<code>{E(p)}</code>"));
        if (others.Count > MorePolicies)
            h.Append(CultureInfo.InvariantCulture, $" and {others.Count - MorePolicies} more");
    }

    // IMA301's details: excess[].grantedBy, each a list of policy names.
    private static IEnumerable<string> GrantedBy(Finding f)
    {
        var excess = f.Details.Entries.FirstOrDefault(e => e.Key == "excess").Value as ListDetail;
        if (excess is null)
            return [];
        return excess.Items.OfType<MapDetail>()
            .SelectMany(g => g.Entries.Where(e => e.Key == "grantedBy").Select(e => e.Value).OfType<ListDetail>())
            .SelectMany(l => l.Items.OfType<TextDetail>().Select(t => t.Value))
            .Distinct(StringComparer.Ordinal);
    }
}
