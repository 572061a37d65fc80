using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ImAudit.Engine.Drift;
using ImAudit.Engine.Findings;
using static ImAudit.Engine.Reports.Html.HtmlText;

namespace ImAudit.Engine.Reports.Html;

/// <summary>
/// The finding counts of the runs the snapshot remembers (this one last) as an inline SVG: one bar per run, stacked
/// by severity, each with its date and counts in a tooltip.
/// </summary>
internal static class TrendChart
{
    private const int Width = 720, Height = 170, Left = 44, Bottom = 24, Top = 10, Gap = 4;

    public static void Render(StringBuilder h, ImmutableArray<RunCounts> trend)
    {
        if (trend.IsEmpty)
            return;
        h.Append(CultureInfo.InvariantCulture, $"<h2 id=\"trend\">Trend ({trend.Length} {(trend.Length == 1 ? "run" : "runs")})</h2>");
        if (trend.Length == 1)
            h.Append("<p class=\"meta\">The first run this report knows of: each run that reads the previous snapshot adds one bar (the last ");
        else
            h.Append("<p class=\"meta\">Findings by severity, one bar per run, oldest first (the snapshot keeps the last ");
        h.Append(CultureInfo.InvariantCulture, $"{RunCounts.MaxRuns} runs).</p>");
        var max = Math.Max(1, trend.Max(r => r.Total));
        var plot = Height - Bottom - Top;
        // A few runs get wide bars, each dated; many get narrow ones, the first and the last dated.
        var slot = (double)(Width - Left) / Math.Max(trend.Length, 8);
        var dateEach = slot >= 70;
        var bar = Math.Max(4, Math.Min(48, slot - Gap));
        h.Append(CultureInfo.InvariantCulture, $"<svg id=\"trend-chart\" class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"finding counts of the last {trend.Length} runs\">");
        h.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + plot}\" x2=\"{Width}\" y2=\"{Top + plot}\" class=\"axis\"/>");
        h.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Top + 8}\" class=\"tick\" text-anchor=\"end\">{max}</text><text x=\"{Left - 6}\" y=\"{Top + plot}\" class=\"tick\" text-anchor=\"end\">0</text>");
        for (var i = 0; i < trend.Length; i++)
        {
            var run = trend[i];
            var x = Left + i * slot + Gap / 2.0;
            var y = (double)(Top + plot);
            h.Append(CultureInfo.InvariantCulture, $"<g class=\"run\"><title>{run.GeneratedAt:yyyy-MM-dd HH:mm} UTC: {E(Describe(run))}</title>");
            foreach (var severity in Enum.GetValues<Severity>())
            {
                var size = (double)run[severity] * plot / max;
                if (size <= 0)
                    continue;
                y -= size;
                h.Append(CultureInfo.InvariantCulture, $"<rect class=\"{severity.Name()}\" x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{bar:0.#}\" height=\"{size:0.#}\"/>");
            }
            h.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + bar / 2:0.#}\" y=\"{y - 3:0.#}\" class=\"tick\" text-anchor=\"middle\">{run.Total}</text>");
            if (dateEach)
                h.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + bar / 2:0.#}\" y=\"{Height - 6}\" class=\"tick\" text-anchor=\"middle\">{run.GeneratedAt:MM-dd HH:mm}</text>");
            h.Append("</g>");
        }
        var last = Left + (trend.Length - 1) * slot + Gap / 2.0 + bar;
        if (!dateEach)
        {
            h.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 6}\" class=\"tick\">{trend[0].GeneratedAt:yyyy-MM-dd}</text>");
            h.Append(CultureInfo.InvariantCulture, $"<text x=\"{last:0.#}\" y=\"{Height - 6}\" class=\"tick\" text-anchor=\"end\">{trend[^1].GeneratedAt:yyyy-MM-dd}</text>");
        }
        h.Append("</svg>");
    }

    private static string Describe(RunCounts run) =>
        string.Join(", ", Enum.GetValues<Severity>().Reverse().Select(s => $"{run[s]} {s.Name()}"));
}
