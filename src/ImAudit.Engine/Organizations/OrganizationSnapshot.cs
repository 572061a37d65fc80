using ImAudit.Engine.Reports;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ImAudit.Engine.Drift;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Json;

namespace ImAudit.Engine.Organizations;

/// <summary>
/// What an organization audit leaves for the next: every account's inventory and the organization report's findings
/// (each with its account; of their details only the text ones, which is what drift reads back). <c>scan DIR --previous</c> reads it back: each account's drift rules run
/// against that account's previous inventory, and new/resolved/persisting is by fingerprint over all findings.
/// Schema in docs/organization-report.md.
/// </summary>
public sealed record OrganizationSnapshot
{
    internal OrganizationSnapshot(DateTimeOffset generatedAt, SnapshotVersions versions, ImmutableArray<AccountInventory> inventories, ImmutableArray<Finding> findings) =>
        (GeneratedAt, Versions, Inventories, Findings) = (generatedAt, versions, inventories, findings);

    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The engine, catalogue and rule set that made it.</summary>
    internal SnapshotVersions Versions { get; init; }

    public ImmutableArray<AccountInventory> Inventories { get; init; }

    public ImmutableArray<Finding> Findings { get; init; }

    public const string Kind = "imaudit-organization-snapshot";

    /// <summary>
    /// The organization snapshot's own schema, apart from the account snapshot's: "1", whose <c>report</c> held the
    /// whole organization report in earlier versions and holds the findings drift reads now (read the same way).
    /// </summary>
    public const string SchemaVersion = "1";

    public ImmutableDictionary<string, DateTimeOffset> FirstSeen { get; init; } = ImmutableDictionary<string, DateTimeOffset>.Empty;

    public AccountInventory? Inventory(string accountId) => Inventories.FirstOrDefault(i => i.AccountId == accountId);

    public ImmutableArray<string> AccountIds => [.. Inventories.Select(i => i.AccountId)];

    /// <summary>When each finding of the report (and each resolved one) was first seen.</summary>
    public static ImmutableDictionary<string, DateTimeOffset> FirstSeenFor(OrganizationReport report, OrganizationSnapshot? previous) =>
        AuditSnapshot.FirstSeenFor(report.Findings.Concat(report.Drift?.Resolved ?? []), report.GeneratedAt,
            previous is null ? null : (previous.GeneratedAt, previous.Findings, previous.FirstSeen));

    /// <summary>
    /// What the next run compares with: this run's report, with the previous snapshot's findings that depend on an
    /// account this run could not read (its own, and cross-account ones naming it) and those accounts' inventories,
    /// when it has them, carried forward — so they are neither "resolved"
    /// now nor "new" when the account is read again. Skipped accounts (closed, suspended) are not carried.
    /// </summary>
    public static (OrganizationReport Report, ImmutableArray<AccountInventory> Inventories) ForNextRun(OrganizationReport report, IReadOnlyList<AccountInventory> inventories, OrganizationSnapshot? previous)
    {
        var unread = new UnreadAccounts(report.NotAudited);
        if (previous is null || unread.IsEmpty)
            return (report, [.. inventories]);
        var now = report.Findings.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var carried = previous.Findings.Where(f => unread.Touch(f) && !now.Contains(f.Fingerprint));
        // Findings is computed when a report is made (not by `with`): a new report, with the carried ones beside the cross-account findings.
        var next = new OrganizationReport(report.Organization, report.GeneratedAt, report.CatalogSource, report.Accounts,
            [.. report.CrossAccountFindings, .. carried], report.CrossAccountFailures, report.Reach)
        {
            NotAudited = report.NotAudited,
            Drift = report.Drift,
        };
        return (next, [.. inventories, .. previous.Inventories.Where(i => unread.Contains(i.AccountId))]);
    }

    /// <summary>The snapshot whole (tests); what writes files and uploads streams it with the overload below.</summary>
    internal static byte[] Write(IReadOnlyList<AccountInventory> inventories, OrganizationReport report, IReadOnlyDictionary<string, DateTimeOffset>? firstSeen = null) =>
        Whole.Bytes(stream => Write(stream, inventories, report, firstSeen));

    /// <summary>
    /// The snapshot written straight to <paramref name="destination"/>, never held whole. Each inventory is written
    /// compact into it, as the account snapshot's is (it was embedded indented, one inventory held whole at a time).
    /// </summary>
    public static void Write(Stream destination, IReadOnlyList<AccountInventory> inventories, OrganizationReport report, IReadOnlyDictionary<string, DateTimeOffset>? firstSeen = null)
    {
        firstSeen ??= FirstSeenFor(report, null);
        using (var w = new Utf8JsonWriter(destination, JsonFormats.Compact))
        {
            var versions = AuditSnapshot.CurrentVersions(report.CatalogSource);
            w.WriteStartObject();
            w.WriteString("schemaVersion", SchemaVersion);
            w.WriteString("kind", Kind);
            w.WriteString("generatedAt", report.GeneratedAt.ToString("O", CultureInfo.InvariantCulture));
            SnapshotJson.WriteProvenance(w, versions, report.Findings, firstSeen, report.GeneratedAt);
            w.WriteStartArray("inventories");
            foreach (var inventory in inventories.OrderBy(i => i.AccountId, StringComparer.Ordinal))
                InventoryWriter.Write(w, inventory);
            w.WriteEndArray();
            // The report's findings as much as the next run's drift reads back (AuditSnapshot.ReadFinding): every field
            // but the details that are not text (an IMA701's action and statement lists), which only report.json needs.
            w.WriteStartObject("report");
            SnapshotJson.WriteFindings(w, report.Findings);
            w.WriteEndObject();
            w.WriteEndObject();
        }
    }

    /// <summary>True when the JSON is an organization snapshot (by its <c>kind</c>).</summary>
    public static bool Recognises(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = JsonInput.MaxDepth });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == Kind;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>An organization snapshot from its JSON, or why not (one line naming the source).</summary>
    public static OrganizationSnapshot? Read(ReadOnlyMemory<byte> json, string source, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = JsonInput.MaxDepth });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kind", out var kind) || kind.GetString() != Kind)
            {
                error = $"`{source}` is not an ImAudit organization snapshot (no \"kind\": \"{Kind}\")";
                return null;
            }
            if (root.GetProperty("schemaVersion").GetString() != SchemaVersion)
            {
                error = $"`{source}` is organization snapshot schema {root.GetProperty("schemaVersion").GetString()}; this ImAudit reads schema {SchemaVersion}";
                return null;
            }
            var inventories = ImmutableArray.CreateBuilder<AccountInventory>();
            foreach (var item in root.GetProperty("inventories").EnumerateArray())
            {
                var read = InventoryJson.Read(item, source);
                if (read.Inventory is not { } inventory)
                {
                    error = read.Error;
                    return null;
                }
                inventories.Add(inventory);
            }
            var versions = root.GetProperty("versions");
            return new OrganizationSnapshot(DateTimeOffset.Parse(root.GetProperty("generatedAt").GetString()!, CultureInfo.InvariantCulture),
                new SnapshotVersions(versions.GetProperty("engine").GetString() ?? "", versions.GetProperty("catalog").GetString() ?? "",
                    [.. versions.GetProperty("rules").EnumerateArray().Select(r => r.GetString()!)]),
                inventories.ToImmutable(),
                [.. root.GetProperty("report").GetProperty("findings").EnumerateArray().Select(AuditSnapshot.ReadFinding)])
            {
                FirstSeen = root.TryGetProperty("firstSeen", out var seen) && seen.ValueKind == JsonValueKind.Object
                    ? seen.EnumerateObject().ToImmutableDictionary(p => p.Name, p => DateTimeOffset.Parse(p.Value.GetString()!, CultureInfo.InvariantCulture), StringComparer.Ordinal)
                    : ImmutableDictionary<string, DateTimeOffset>.Empty,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            error = $"`{source}` is not a readable organization snapshot: {MessageText.OneLine(e.Message)}";
            return null;
        }
    }
}
