using System.Text.Json;

namespace ImAudit.Aws.Pipeline;

/// <summary>One CloudWatch Embedded Metric Format line: findings by severity, new findings, coverage gaps, duration, per account.</summary>
public static class Metrics
{
    public const string Namespace = "ImAudit";

    public static string Line(AuditSummary summary, DateTimeOffset at)
    {
        var values = new (string Name, string Unit, long Value)[]
        {
            ("CriticalFindings", "Count", summary.Critical), ("HighFindings", "Count", summary.High),
            ("MediumFindings", "Count", summary.Medium), ("LowFindings", "Count", summary.Low), ("InfoFindings", "Count", summary.Info),
            ("NewFindings", "Count", summary.New), ("NewCriticalFindings", "Count", summary.NewCritical), ("NewHighFindings", "Count", summary.NewHigh),
            ("CoverageGaps", "Count", summary.CoverageGaps), ("DurationMs", "Milliseconds", summary.DurationMs),
        };
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
            w.WriteStringValue("AccountId");
            w.WriteEndArray();
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
            w.WriteString("AccountId", summary.AccountId);
            w.WriteString("Trigger", summary.Trigger);
            w.WriteBoolean("Complete", summary.Complete);
            foreach (var (name, _, value) in values)
                w.WriteNumber(name, value);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
