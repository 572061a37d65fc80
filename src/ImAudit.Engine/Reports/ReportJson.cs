using System.Globalization;
using System.Text.Json;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Json;

namespace ImAudit.Engine.Reports;

/// <summary><c>report.json</c>: the canonical, versioned report (schema in docs/report.md). No reflection.</summary>
internal static class ReportJson
{
    public static byte[] Write(AuditReport report) =>
        Whole.Bytes(stream => Write(stream, report));

    /// <summary>The report written straight to <paramref name="destination"/> (a file, an upload), never held whole.</summary>
    public static void Write(Stream destination, AuditReport report)
    {
        using (var w = new Utf8JsonWriter(destination, JsonFormats.Readable))
        {
            w.WriteStartObject();
            w.WriteString("schemaVersion", AuditReport.SchemaVersion);
            w.WriteString("accountId", report.AccountId);
            if (report.Source is not null) w.WriteString("source", report.Source);
            w.WriteString("generatedAt", report.GeneratedAt.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("catalog", report.CatalogSource);
            w.WriteBoolean("complete", !report.IsIncomplete);
            w.WriteNumber("policiesAudited", report.PoliciesAudited);
            w.WriteStartObject("counts");
            foreach (var (severity, count) in report.Counts.OrderByDescending(kv => kv.Key))
                w.WriteNumber(severity.Name(), count);
            w.WriteEndObject();
            var groups = new ReportGroups();
            FindingJson.Write(w, report.Findings, report.RuleFailures, groups);
            if (report.Drift is { } drift)
                WriteDrift(w, drift);
            w.WriteStartArray("suppressed");
            foreach (var (finding, by) in report.Suppressed)
            {
                w.WriteStartObject();
                w.WriteString("ruleId", finding.RuleId);
                w.WriteString("resource", finding.Resource);
                w.WriteString("fingerprint", finding.Fingerprint);
                w.WriteString("reason", by.Reason);
                if (by.Expires is { } e) w.WriteString("expires", e.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteEndObject();
                w.FlushIfFull();
            }
            w.WriteEndArray();
            w.WriteStartArray("expiredSuppressions");
            foreach (var s in report.ExpiredSuppressions)
            {
                w.WriteStartObject();
                w.WriteString("rule", s.RuleId);
                w.WriteString("resource", s.ResourcePattern);
                w.WriteString("reason", s.Reason);
                w.WriteString("expires", s.Expires!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WritePrincipals(w, report, groups);
            w.WriteStartObject("coverage");
            WriteGaps(w, "gaps", report.Coverage);
            w.WriteStartArray("scopeNotes");
            foreach (var note in report.ScopeNotes)
            {
                w.WriteStartObject();
                w.WriteString("kind", note.Kind);
                w.WriteString("subject", note.Subject);
                w.WriteString("detail", note.Detail);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("notApplicable", AuditReport.NotApplicable);
            w.WriteEndObject();
            groups.Write(w);
            w.WriteEndObject();
        }
    }

    /// <summary>The <c>drift</c> object: new and persisting by fingerprint, resolved spelled out.</summary>
    internal static void WriteDrift(Utf8JsonWriter w, Drift.FindingsDrift drift)
    {
        // New and persisting name this run's findings by fingerprint; resolved ones are gone, so they are spelled out.
        w.WriteStartObject("drift");
        w.WriteString("previousGeneratedAt", drift.PreviousGeneratedAt.ToString("O", CultureInfo.InvariantCulture));
        w.WriteStartArray("new");
        foreach (var f in drift.New)
        {
            w.WriteStringValue(f.Fingerprint);
            w.FlushIfFull();
        }
        w.WriteEndArray();
        w.WriteStartArray("resolved");
        foreach (var f in drift.Resolved)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", f.RuleId);
            w.WriteString("severity", f.Severity.Name());
            w.WriteString("resource", f.Resource);
            if (f.AccountId is not null) w.WriteString("accountId", f.AccountId);
            w.WriteString("message", f.Message);
            w.WriteString("fingerprint", f.Fingerprint);
            w.WriteEndObject();
            w.FlushIfFull();
        }
        w.WriteEndArray();
        w.WriteNumber("persisting", drift.Persisting.Length);
        w.WriteEndObject();
    }

    private static void WritePrincipals(Utf8JsonWriter w, AuditReport report, ReportGroups groups)
    {
        w.WriteStartArray("principals");
        foreach (var p in report.Principals)
        {
            w.WriteStartObject();
            w.WriteString("arn", p.Principal.Arn);
            w.WriteString("kind", p.Principal.Kind == Principals.PrincipalKind.User ? "user" : "role");
            w.WriteString("baseline", p.Baseline.Name);
            w.WritePropertyName("access");
            groups.WriteReference(w, p.Access);
            w.WritePropertyName("excess");
            w.WriteStringsInline((p.Excess?.Excess ?? []).Select(e => e.Action.FullName));
            w.WriteEndObject();
            w.FlushIfFull();
        }
        w.WriteEndArray();
    }

    /// <summary>Coverage gaps as an array of <c>{kind, resource, detail}</c> (account and organization reports alike).</summary>
    internal static void WriteGaps(Utf8JsonWriter w, string name, IEnumerable<CoverageGap> gaps)
    {
        w.WriteStartArray(name);
        foreach (var gap in gaps)
        {
            w.WriteStartObject();
            w.WriteString("kind", gap.Kind);
            w.WriteString("resource", gap.Resource);
            w.WriteString("detail", gap.Detail);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
