namespace ImAudit.Aws.Pipeline;

/// <summary>What an invocation returns: short, for a console or a Step Functions state.</summary>
public sealed record AuditSummary(
    string AccountId,
    string Trigger,
    bool Complete,
    bool DryRun,
    int Critical,
    int High,
    int Medium,
    int Low,
    int Info,
    int CoverageGaps,
    IReadOnlyList<string> ReportKeys,
    bool SnapshotUpdated,
    long DurationMs)
{
    /// <summary>Findings whose fingerprint the last good snapshot did not have (all of them on a first run).</summary>
    public int New { get; init; }

    public int NewCritical { get; init; }

    public int NewHigh { get; init; }
}

/// <summary>The summary as the invocation's JSON response.</summary>
public static class AuditSummaryJson
{
    public static byte[] Write(AuditSummary s)
    {
        using var buffer = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("accountId", s.AccountId);
            w.WriteString("trigger", s.Trigger);
            w.WriteBoolean("complete", s.Complete);
            w.WriteBoolean("dryRun", s.DryRun);
            w.WriteStartObject("counts");
            w.WriteNumber("critical", s.Critical);
            w.WriteNumber("high", s.High);
            w.WriteNumber("medium", s.Medium);
            w.WriteNumber("low", s.Low);
            w.WriteNumber("info", s.Info);
            w.WriteEndObject();
            w.WriteNumber("newFindings", s.New);
            w.WriteNumber("coverageGaps", s.CoverageGaps);
            WriteOutcome(w, s.ReportKeys, s.SnapshotUpdated, s.DurationMs);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>What a run wrote, shared by the account and the organization summaries: the report keys, whether the snapshot was replaced, how long it took.</summary>
    internal static void WriteOutcome(System.Text.Json.Utf8JsonWriter w, IReadOnlyList<string> reportKeys, bool snapshotUpdated, long durationMs)
    {
        w.WriteStartArray("reports");
        foreach (var key in reportKeys)
            w.WriteStringValue(key);
        w.WriteEndArray();
        w.WriteBoolean("snapshotUpdated", snapshotUpdated);
        w.WriteNumber("durationMs", durationMs);
    }
}
