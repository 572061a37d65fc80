using System.Text.Json;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Json;
using ImAudit.Engine.Rules;

namespace ImAudit.Engine.Reports;

/// <summary>Findings in the JSON shape of the CLI contract (ruleId, severity, title, message, resource, location, details, fingerprint).</summary>
public static class FindingJson
{
    public static void Write(Utf8JsonWriter w, IReadOnlyList<Finding> findings, IReadOnlyList<RuleFailure> failures) => Write(w, findings, failures, null);

    /// <summary>
    /// As above; with <paramref name="groups"/>, a shared list is written as a reference to the report's <c>groups</c>
    /// (without, as the list itself: the organization report and the CLI's finding lists).
    /// </summary>
    internal static void Write(Utf8JsonWriter w, IReadOnlyList<Finding> findings, IReadOnlyList<RuleFailure> failures, ReportGroups? groups)
    {
        w.WriteStartArray("findings");
        Action<Utf8JsonWriter, MapDetail> details = (w, d) => WriteDetail(w, d, groups);
        foreach (var f in findings)
            WriteOne(w, f, details);
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

    /// <summary>One finding in the contract's shape, its details written by <paramref name="writeDetails"/> (the report's whole details, or a snapshot's text values).</summary>
    internal static void WriteOne(Utf8JsonWriter w, Finding f, Action<Utf8JsonWriter, MapDetail> writeDetails)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", f.RuleId);
        w.WriteString("severity", f.Severity.Name());
        w.WriteString("title", f.Title);
        w.WriteString("message", f.Message);
        w.WriteString("resource", f.Resource);
        if (f.AccountId is not null) w.WriteString("accountId", f.AccountId);
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
        writeDetails(w, f.Details);
        w.WriteString("fingerprint", f.Fingerprint);
        w.WriteEndObject();
        w.FlushIfFull();
    }

    internal static void WriteDetail(Utf8JsonWriter w, Detail detail) => WriteDetail(w, detail, null);

    private static void WriteDetail(Utf8JsonWriter w, Detail detail, ReportGroups? groups)
    {
        switch (detail)
        {
            case ListDetail { SharedId: not null } shared when groups is not null:
                groups.WriteReference(w, shared);
                break;
            case TextDetail t: w.WriteStringValue(t.Value); break;
            case NumberDetail n: w.WriteNumberValue(n.Value); break;
            case FlagDetail b: w.WriteBooleanValue(b.Value); break;
            case ListDetail list when list.Items.All(static i => i is TextDetail or NumberDetail or FlagDetail):
                w.WriteInline(list, static (w, list) => WriteItems(w, list, null));
                break;
            case ListDetail list:
                WriteItems(w, list, groups);
                break;
            case MapDetail map:
                w.WriteStartObject();
                foreach (var (key, value) in map.Entries)
                {
                    w.WritePropertyName(key);
                    WriteDetail(w, value, groups);
                }
                w.WriteEndObject();
                break;
        }
    }

    private static void WriteItems(Utf8JsonWriter w, ListDetail list, ReportGroups? groups)
    {
        w.WriteStartArray();
        foreach (var item in list.Items)
            WriteDetail(w, item, groups);
        w.WriteEndArray();
    }
}
