using System.Globalization;
using System.Text;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Rules;
using static ImAudit.Engine.Reports.Html.HtmlText;

namespace ImAudit.Engine.Reports.Html;

/// <summary>
/// The rules the report's findings come from, each with its title, what it checks, what to do about it and its
/// docs page: the table's rule cells link here (<c>#rule-IMA301</c>), so the explanation travels with the file.
/// The page's link goes to the docs base URL when one is given, else it names the page in the repository.
/// </summary>
internal static class RuleReference
{
    public static void Render(StringBuilder h, IEnumerable<Finding> findings, string? docsBaseUrl)
    {
        var present = findings.Select(f => f.RuleId).ToHashSet(StringComparer.Ordinal);
        var rules = RuleRegistry.All.Where(r => present.Contains(r.Id)).ToList();
        h.Append(CultureInfo.InvariantCulture, $"<h2 id=\"rules\">Rules and remediation ({rules.Count})</h2>");
        if (rules.Count == 0)
        {
            h.Append("<p>No rule found anything.</p>");
            return;
        }
        h.Append("<div class=\"rules\">");
        foreach (var rule in rules)
        {
            h.Append(CultureInfo.InvariantCulture, $"<section class=\"rule\" id=\"rule-{E(rule.Id)}\"><h3>{E(rule.Id)} <span class=\"meta\">{E(rule.Name)}</span> — {E(rule.Title)}</h3>");
            h.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">{Message(rule.Summary)}</p>");
            h.Append(CultureInfo.InvariantCulture, $"<p><b>Remediation.</b> {Message(rule.Remediation)}</p>");
            h.Append(rule.DocsUrl(docsBaseUrl) is { } url
                ? $"<p class=\"meta\">Docs: <a href=\"{E(url)}\">{E(rule.DocsPath)}</a> · <a href=\"#group=rule&amp;q={E(rule.Id)}\">its findings</a></p>"
                : $"<p class=\"meta\">Docs: <code>{E(rule.DocsPath)}</code> in the ImAudit repository · <a href=\"#group=rule&amp;q={E(rule.Id)}\">its findings</a></p>");
            h.Append("</section>");
        }
        h.Append("</div>");
    }
}
