using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ImAudit.Engine.Drift;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Json;

namespace ImAudit.Engine.Reports;

/// <summary>
/// <c>snapshot.json</c>: what a finished audit leaves for the next run (<see cref="AuditSnapshot"/>, read back by the
/// drift stage), written straight to its destination. Schema in docs/snapshot.md.
/// </summary>
public static class SnapshotJson
{
    /// <summary>
    /// When each finding of <paramref name="report"/> — and each one it resolved — was first seen: as the previous
    /// snapshot says, else when the previous run had it, else now.
    /// </summary>
    public static ImmutableDictionary<string, DateTimeOffset> FirstSeenFor(AuditReport report, AuditSnapshot? previous) =>
        AuditSnapshot.FirstSeenFor(report.Findings.Concat(report.Drift?.Resolved ?? []), report.GeneratedAt,
            previous is null ? null : (previous.GeneratedAt, previous.Findings, previous.FirstSeen));

    /// <summary>What every snapshot says of itself: the versions that made it, and when each finding was first seen.</summary>
    internal static void WriteProvenance(Utf8JsonWriter w, SnapshotVersions versions, IEnumerable<Findings.Finding> findings,
        IReadOnlyDictionary<string, DateTimeOffset> firstSeen, DateTimeOffset generatedAt)
    {
        w.WriteStartObject("versions");
        w.WriteString("engine", versions.Engine);
        w.WriteString("catalog", versions.Catalog);
        w.WriteStartArray("rules");
        foreach (var rule in versions.Rules)
            w.WriteStringValue(rule);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("firstSeen");
        foreach (var f in findings)
        {
            w.WriteString(f.Fingerprint, firstSeen.GetValueOrDefault(f.Fingerprint, generatedAt).ToString("O", CultureInfo.InvariantCulture));
            w.FlushIfFull();
        }
        w.WriteEndObject();
    }

    /// <summary>The snapshot of a finished audit (the report carries the findings; the inventory, the state).</summary>
    public static byte[] Write(AccountInventory inventory, AuditReport report, IReadOnlyDictionary<string, DateTimeOffset>? firstSeen = null,
        IReadOnlyDictionary<string, DateTimeOffset>? carried = null) =>
        Whole.Bytes(stream => Write(stream, inventory, report, firstSeen, carried));

    /// <summary>The snapshot written straight to <paramref name="destination"/>, never held whole.</summary>
    public static void Write(Stream destination, AccountInventory inventory, AuditReport report, IReadOnlyDictionary<string, DateTimeOffset>? firstSeen = null,
        IReadOnlyDictionary<string, DateTimeOffset>? carried = null)
    {
        firstSeen ??= FirstSeenFor(report, null);
        using (var w = new Utf8JsonWriter(destination, JsonFormats.Compact))
        {
            var versions = AuditSnapshot.CurrentVersions(report.CatalogSource);
            w.WriteStartObject();
            w.WriteString("schemaVersion", AuditSnapshot.SchemaVersion);
            w.WriteString("kind", AuditSnapshot.Kind);
            w.WriteString("accountId", inventory.AccountId);
            w.WriteString("generatedAt", report.GeneratedAt.ToString("O", CultureInfo.InvariantCulture));
            WriteProvenance(w, versions, report.Findings, firstSeen, report.GeneratedAt);
            if (carried is { Count: > 0 })
            {
                w.WriteStartObject("carried");
                foreach (var (fingerprint, lastRead) in carried.OrderBy(c => c.Key, StringComparer.Ordinal))
                    w.WriteString(fingerprint, lastRead.ToString("O", CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            RunCounts.Write(w, report.Trend);
            w.WritePropertyName("inventory");
            InventoryWriter.Write(w, inventory);
            WriteFindings(w, report.Findings);
            w.WriteEndObject();
        }
    }

    // What ReadFinding reads back: the findings contract without the details, except their top-level text values.
    internal static void WriteFindings(Utf8JsonWriter w, IEnumerable<Finding> findings)
    {
        w.WriteStartArray("findings");
        foreach (var f in findings)
            FindingJson.WriteOne(w, f, TextDetails);
        w.WriteEndArray();
    }

    private static void TextDetails(Utf8JsonWriter w, MapDetail details)
    {
        w.WriteStartObject();
        foreach (var (key, value) in details.Entries)
        {
            if (value is TextDetail text)
                w.WriteString(key, text.Value);
        }
        w.WriteEndObject();
    }
}
