using System.Text.Json;
using ImAudit.Engine.Findings;

namespace ImAudit.Aws.Pipeline;

/// <summary>
/// One CloudWatch Embedded Metric Format line per run: an account's findings by severity, new findings, coverage
/// gaps and duration (dimension <c>AccountId</c>); an organization's the same over every account, with the accounts
/// audited, failed and skipped and the cross-account findings (dimension <c>Organization</c>, and also without a
/// dimension, so that the template's alarms need not know the organization's id).
/// </summary>
public static class Metrics
{
    public const string Namespace = "ImAudit";

    public static string Line(AuditSummary summary, DateTimeOffset at) => Emf(at, "AccountId", summary.AccountId, false,
        [
            ("CriticalFindings", "Count", summary.Critical), ("HighFindings", "Count", summary.High),
            ("MediumFindings", "Count", summary.Medium), ("LowFindings", "Count", summary.Low), ("InfoFindings", "Count", summary.Info),
            ("NewFindings", "Count", summary.New), ("NewCriticalFindings", "Count", summary.NewCritical), ("NewHighFindings", "Count", summary.NewHigh),
            ("CoverageGaps", "Count", summary.CoverageGaps), ("DurationMs", "Milliseconds", summary.DurationMs),
        ], w =>
        {
            w.WriteString("Trigger", summary.Trigger);
            w.WriteBoolean("Complete", summary.Complete);
        });

    /// <summary>The organization's line; <paramref name="organizationId"/> is the dimension (<c>unknown</c> when Organizations could not be read).</summary>
    public static string OrganizationLine(AggregateSummary summary, string? organizationId, DateTimeOffset at) => Emf(at, "Organization", organizationId ?? "unknown", true,
        [
            ("AccountsAudited", "Count", summary.Audited), ("AccountsNotAudited", "Count", summary.Failed), ("AccountsSkipped", "Count", summary.Skipped),
            ("CriticalFindings", "Count", summary.Counts.GetValueOrDefault(Severity.Critical)), ("HighFindings", "Count", summary.Counts.GetValueOrDefault(Severity.High)),
            ("MediumFindings", "Count", summary.Counts.GetValueOrDefault(Severity.Medium)), ("LowFindings", "Count", summary.Counts.GetValueOrDefault(Severity.Low)),
            ("InfoFindings", "Count", summary.Counts.GetValueOrDefault(Severity.Info)), ("CrossAccountFindings", "Count", summary.CrossAccountFindings),
            ("NewFindings", "Count", summary.New), ("NewCriticalFindings", "Count", summary.NewCritical), ("NewHighFindings", "Count", summary.NewHigh),
            ("DurationMs", "Milliseconds", summary.DurationMs),
        ], w =>
        {
            w.WriteString("Execution", summary.Execution);
            w.WriteBoolean("Complete", summary.Complete);
        });

    private static string Emf(DateTimeOffset at, string dimension, string dimensionValue, bool alsoWithout, (string Name, string Unit, long Value)[] values, Action<Utf8JsonWriter> properties)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("_aws");
            w.WriteNumber("Timestamp", at.ToUnixTimeMilliseconds());
            w.WriteStartArray("CloudWatchMetrics");
            w.WriteStartObject();
            w.WriteString("Namespace", Namespace);
            w.WriteStartArray("Dimensions");
            w.WriteStartArray();
            w.WriteStringValue(dimension);
            w.WriteEndArray();
            if (alsoWithout)
            {
                w.WriteStartArray();
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteStartArray("Metrics");
            foreach (var (name, unit, _) in values)
            {
                w.WriteStartObject();
                w.WriteString("Name", name);
                w.WriteString("Unit", unit);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteString(dimension, dimensionValue);
            properties(w);
            foreach (var (name, _, value) in values)
                w.WriteNumber(name, value);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
