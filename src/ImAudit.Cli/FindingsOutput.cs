using System.Text.Json;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Rules;

namespace ImAudit.Cli;

/// <summary>Findings as the CLI contract shapes them (JSON) and as a person reads them (text).</summary>
internal static class FindingsOutput
{
    public static void WriteJson(Utf8JsonWriter w, IReadOnlyList<Finding> findings, IReadOnlyList<RuleFailure> failures)
    {
        w.WriteStartArray("findings");
        foreach (var f in findings)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", f.RuleId);
            w.WriteString("severity", f.Severity.Name());
            w.WriteString("title", f.Title);
            w.WriteString("message", f.Message);
            w.WriteString("resource", f.Resource);
            if (f.Location is { } l)
            {
                w.WriteStartObject("location");
                if (l.Policy is not null) w.WriteString("policy", l.Policy);
                if (l.Statement is { } s) w.WriteNumber("statement", s);
                if (l.Sid is not null) w.WriteString("sid", l.Sid);
                if (l.Pointer is not null) w.WriteString("pointer", l.Pointer);
                if (l.Line is { } line) w.WriteNumber("line", line);
                if (l.Column is { } column) w.WriteNumber("column", column);
                w.WriteEndObject();
            }
            w.WritePropertyName("details");
            WriteDetail(w, f.Details);
            w.WriteString("fingerprint", f.Fingerprint);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (failures.Count > 0)
        {
            w.WriteStartArray("ruleFailures");
            foreach (var failure in failures)
            {
                w.WriteStartObject();
                w.WriteString("ruleId", failure.RuleId);
                w.WriteString("resource", failure.Resource);
                w.WriteString("error", failure.Error);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
    }

    private static void WriteDetail(Utf8JsonWriter w, Detail detail)
    {
        switch (detail)
        {
            case TextDetail t: w.WriteStringValue(t.Value); break;
            case NumberDetail n: w.WriteNumberValue(n.Value); break;
            case FlagDetail b: w.WriteBooleanValue(b.Value); break;
            case ListDetail list:
                w.WriteStartArray();
                foreach (var item in list.Items)
                    WriteDetail(w, item);
                w.WriteEndArray();
                break;
            case MapDetail map:
                w.WriteStartObject();
                foreach (var (key, value) in map.Entries)
                {
                    w.WritePropertyName(key);
                    WriteDetail(w, value);
                }
                w.WriteEndObject();
                break;
        }
    }

    public static void WriteText(TextWriter output, IReadOnlyList<Finding> findings, IReadOnlyList<RuleFailure> failures)
    {
        foreach (var f in findings)
        {
            output.WriteLine($"{f.Severity.Name().ToUpperInvariant(),-8} {f.RuleId}  {f.Message}");
            if (f.Location is { } l)
            {
                var statement = l.Statement is { } s ? $" statement {s}" + (l.Sid is null ? "" : $" (Sid `{l.Sid}`)") : "";
                var at = l.Line is { } line ? $" line {line} column {l.Column}" : "";
                var pointer = string.IsNullOrEmpty(l.Pointer) ? "" : $" `{l.Pointer}`";
                output.WriteLine($"{"",-8} {"",-6}  in `{l.Policy}`{statement}{pointer}{at}");
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

    /// <summary>Exit code 1 when a finding is at or above the threshold.</summary>
    public static int ExitCode(IReadOnlyList<Finding> findings, string? failOn)
    {
        if (failOn is null)
            return ExitCodes.Ok;
        var threshold = SeverityNames.Parse(failOn) ?? throw new UsageException($"`--fail-on {failOn}` is not a severity; use critical, high, medium, low or info");
        return findings.Any(f => f.Severity >= threshold) ? ExitCodes.FindingsAtOrAboveThreshold : ExitCodes.Ok;
    }
}
