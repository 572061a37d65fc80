using System.Globalization;
using System.Text;
using ImAudit.Engine.Findings;
using static ImAudit.Engine.Reports.Html.HtmlText;

namespace ImAudit.Engine.Reports.Html;

/// <summary>
/// What every report page has: the head (its own style, a Content-Security-Policy that lets nothing load from
/// anywhere), the counts, the navigation, and the script at the end. The page works offline and when mailed.
/// </summary>
internal static class HtmlPage
{
    private const string Policy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    public static void Begin(StringBuilder h, string title)
    {
        h.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        h.Append(CultureInfo.InvariantCulture, $"<meta http-equiv=\"Content-Security-Policy\" content=\"{Policy}\">");
        h.Append(CultureInfo.InvariantCulture, $"<title>ImAudit — {E(title)}</title><style>{HtmlStyle.Css}</style></head><body>");
        h.Append(CultureInfo.InvariantCulture, $"<h1>ImAudit report — {E(title)}</h1>");
    }

    public static void Counts(StringBuilder h, IReadOnlyDictionary<Severity, int> counts)
    {
        h.Append("<div class=\"counts\">");
        foreach (var (severity, count) in counts.OrderByDescending(kv => kv.Key))
            h.Append(CultureInfo.InvariantCulture, $"<a class=\"count {severity.Name()}\" href=\"#sev={severity.Name()}\"><b>{count}</b>{severity.Name()}</a>");
        h.Append("</div>");
    }

    public static void Navigation(StringBuilder h, params (string Id, string Label)[] sections)
    {
        h.Append("<nav>");
        foreach (var (id, label) in sections)
            h.Append(CultureInfo.InvariantCulture, $"<a href=\"#{id}\">{E(label)}</a>");
        h.Append("</nav>");
    }

    public static void End(StringBuilder h) => h.Append(CultureInfo.InvariantCulture, $"<script>{HtmlScript.Js}</script></body></html>");
}
