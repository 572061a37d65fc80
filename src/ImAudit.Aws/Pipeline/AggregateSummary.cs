using System.Text.Json;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Organizations;

namespace ImAudit.Aws.Pipeline;

/// <summary>What the aggregate step returns (the state machine's output) and what its metrics line counts.</summary>
public sealed record AggregateSummary(
    string? Execution,
    int Accounts,
    int Audited,
    int Failed,
    int Skipped,
    IReadOnlyList<AccountNotAudited> NotAudited,
    IReadOnlyDictionary<Severity, int> Counts,
    int CrossAccountFindings,
    int New,
    int NewCritical,
    int NewHigh,
    bool Complete,
    IReadOnlyList<string> ReportKeys,
    bool SnapshotUpdated,
    long DurationMs)
{
    public static AggregateSummary Of(AggregateRequest request, OrganizationReport report, IReadOnlyList<string> written, bool snapshotUpdated, long durationMs)
    {
        var fresh = report.Drift?.New ?? report.Findings;
        return new AggregateSummary(request.Execution, report.Accounts.Length + report.NotAudited.Length, report.Accounts.Length,
            report.NotAudited.Count(a => a.Failed), report.NotAudited.Count(a => !a.Failed), report.NotAudited, report.Counts, report.CrossAccountFindings.Length,
            fresh.Length, fresh.Count(f => f.Severity == Severity.Critical), fresh.Count(f => f.Severity == Severity.High),
            !report.IsIncomplete, written, snapshotUpdated, durationMs);
    }
}

/// <summary>The aggregate summary as the invocation's JSON response.</summary>
public static class AggregateSummaryJson
{
    public static byte[] Write(AggregateSummary s)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("action", "aggregate");
            w.WriteString("execution", s.Execution);
            w.WriteNumber("accounts", s.Accounts);
            w.WriteNumber("audited", s.Audited);
            w.WriteNumber("failed", s.Failed);
            w.WriteNumber("skipped", s.Skipped);
            w.WriteStartArray("notAudited");
            foreach (var a in s.NotAudited)
            {
                w.WriteStartObject();
                w.WriteString("accountId", a.AccountId);
                w.WriteString("status", a.Failed ? "failed" : "skipped");
                w.WriteString("reason", a.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteBoolean("complete", s.Complete);
            w.WriteStartObject("counts");
            foreach (var (severity, count) in s.Counts.OrderByDescending(kv => kv.Key))
                w.WriteNumber(severity.Name(), count);
            w.WriteEndObject();
            w.WriteNumber("crossAccountFindings", s.CrossAccountFindings);
            w.WriteNumber("newFindings", s.New);
            AuditSummaryJson.WriteOutcome(w, s.ReportKeys, s.SnapshotUpdated, s.DurationMs);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
