using ImAudit.Engine;
using System.Text.Json;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;
using ImAudit.Engine.Reports;
using ImAudit.Engine.Rules;

namespace ImAudit.Cli;

/// <summary>Findings as the CLI contract shapes them (JSON) and as a person reads them (text).</summary>
internal static class FindingsOutput
{
    public static void WriteJson(Utf8JsonWriter w, IReadOnlyList<Finding> findings, IReadOnlyList<RuleFailure> failures) =>
        FindingJson.Write(w, findings, failures);

    public static void WriteText(TextWriter output, IReadOnlyList<Finding> findings, IReadOnlyList<RuleFailure> failures)
    {
        foreach (var f in findings)
        {
            output.WriteLine($"{f.Severity.Name().ToUpperInvariant(),-8} {f.RuleId}  {f.Message}");
            if (f.Location is { } l)
            {
                var statement = l.Statement is { } s ? $" statement {s}" + (l.Sid is null ? "" : $" (Sid `{MessageText.Inline(l.Sid)}`)") : "";
                var at = l.Line is { } line ? $" line {line} column {l.Column}" : "";
                var pointer = string.IsNullOrEmpty(l.Pointer) ? "" : $" `{MessageText.Whole(l.Pointer)}`";
                output.WriteLine($"{"",-8} {"",-6}  in `{MessageText.Whole(l.Policy)}`{statement}{pointer}{at}");
            }
        }
        foreach (var failure in failures)
            output.WriteLine($"ERROR    {failure.RuleId}  rule failed on `{failure.Resource}`: {failure.Error}");
        output.WriteLine(Summary(findings));
    }

    public static string Summary(IReadOnlyList<Finding> findings)
    {
        if (findings.Count == 0)
            return "no findings";
        var counts = findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {g.Key.Name()}");
        return $"{findings.Count} finding{(findings.Count == 1 ? "" : "s")}: {string.Join(", ", counts)}";
    }
}
