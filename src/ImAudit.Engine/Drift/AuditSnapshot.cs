using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Json;

namespace ImAudit.Engine.Drift;

/// <summary>The versions a snapshot was made with: the engine, the action catalogue, the rule set.</summary>
internal sealed record SnapshotVersions(string Engine, string Catalog, ImmutableArray<string> Rules);

/// <summary>
/// What one run leaves for the next: the account's inventory, the findings it produced, and the versions it was
/// made with. Written next to the reports (<c>snapshot.json</c>) and by the function to S3; read by
/// <c>scan --previous</c>, the function and <c>diff</c>. Schema in docs/snapshot.md.
/// </summary>
public sealed record AuditSnapshot
{
    internal AuditSnapshot(string accountId, DateTimeOffset generatedAt, SnapshotVersions versions, AccountInventory inventory, ImmutableArray<Finding> findings) =>
        (AccountId, GeneratedAt, Versions, Inventory, Findings) = (accountId, generatedAt, versions, inventory, findings);

    public string AccountId { get; init; }

    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The engine, catalogue and rule set that made it.</summary>
    internal SnapshotVersions Versions { get; init; }

    public AccountInventory Inventory { get; init; }

    public ImmutableArray<Finding> Findings { get; init; }

    /// <summary>When each finding (by fingerprint) was first seen: carried from run to run (ASFF <c>CreatedAt</c>).</summary>
    public ImmutableDictionary<string, DateTimeOffset> FirstSeen { get; init; } = ImmutableDictionary<string, DateTimeOffset>.Empty;

    /// <summary>
    /// Findings this snapshot carries from an earlier one because their resource could not be read (by fingerprint):
    /// when they were last read. Empty for a snapshot whose findings were all read by its own run.
    /// </summary>
    public ImmutableDictionary<string, DateTimeOffset> Carried { get; init; } = ImmutableDictionary<string, DateTimeOffset>.Empty;

    /// <summary>
    /// The finding counts of the last runs (at most <see cref="RunCounts.MaxRuns"/>, oldest first, this snapshot's own
    /// run last): what the next report draws as the trend. A snapshot written before trends is its own one run.
    /// </summary>
    internal ImmutableArray<RunCounts> Trend { get; init; } = [];

    /// <summary>When each of a run's findings (and those it resolved) was first seen: as the previous run says, else when it had it, else now.</summary>
    internal static ImmutableDictionary<string, DateTimeOffset> FirstSeenFor(IEnumerable<Finding> findings, DateTimeOffset now,
        (DateTimeOffset GeneratedAt, IReadOnlyList<Finding> Findings, IReadOnlyDictionary<string, DateTimeOffset> FirstSeen)? previous)
    {
        var seen = ImmutableDictionary.CreateBuilder<string, DateTimeOffset>(StringComparer.Ordinal);
        var before = previous?.Findings.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var fingerprint in findings.Select(f => f.Fingerprint))
        {
            seen[fingerprint] = previous is { } p && p.FirstSeen.TryGetValue(fingerprint, out var at) ? at
                : previous is { } q && before.Contains(fingerprint) ? q.GeneratedAt
                : now;
        }
        return seen.ToImmutable();
    }

    /// <summary>
    /// Schema 2 keeps the findings in the form runs are compared in, not the whole report again (schema 1 embedded
    /// report.json, doubling the output); schema 1 is still read.
    /// </summary>
    public const string SchemaVersion = "2";

    private const string EarlierSchemaVersion = "1";
    public const string Kind = "imaudit-snapshot";

    internal static SnapshotVersions CurrentVersions(string catalog) => new(
        typeof(AuditSnapshot).Assembly.GetName().Version?.ToString() ?? "0.0.0.0", catalog,
        [.. Rules.RuleRegistry.All.Select(r => r.Id)]);


    /// <summary>A snapshot from its JSON, or why not (one line naming the source).</summary>
    public static AuditSnapshot? Read(ReadOnlyMemory<byte> json, string source, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = JsonInput.MaxDepth });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kind", out var kind) || kind.GetString() != Kind)
            {
                error = $"`{source}` is not an ImAudit snapshot (no \"kind\": \"{Kind}\")";
                return null;
            }
            var schema = root.GetProperty("schemaVersion").GetString();
            if (schema is not (SchemaVersion or EarlierSchemaVersion))
            {
                error = $"`{source}` is snapshot schema {schema}; this ImAudit reads schemas {EarlierSchemaVersion} and {SchemaVersion}";
                return null;
            }
            var read = InventoryJson.Read(root.GetProperty("inventory"), source);
            if (read.Inventory is not { } inventory)
            {
                error = read.Error;
                return null;
            }
            var versions = root.GetProperty("versions");
            var findings = (schema == EarlierSchemaVersion ? root.GetProperty("report") : root).GetProperty("findings").EnumerateArray().Select(ReadFinding).ToImmutableArray();
            var generatedAt = DateTimeOffset.Parse(root.GetProperty("generatedAt").GetString()!, CultureInfo.InvariantCulture);
            return new AuditSnapshot(root.GetProperty("accountId").GetString() ?? "", generatedAt,
                new SnapshotVersions(versions.GetProperty("engine").GetString() ?? "", versions.GetProperty("catalog").GetString() ?? "",
                    [.. versions.GetProperty("rules").EnumerateArray().Select(r => r.GetString()!)]),
                inventory, findings)
            {
                FirstSeen = Dates(root, "firstSeen"),
                Carried = Dates(root, "carried"),
                Trend = RunCounts.Read(root, generatedAt, findings),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            error = $"`{source}` is not a readable snapshot: {MessageText.OneLine(e.Message)}";
            return null;
        }
    }

    private static ImmutableDictionary<string, DateTimeOffset> Dates(JsonElement root, string name) =>
        root.TryGetProperty(name, out var dates) && dates.ValueKind == JsonValueKind.Object
            ? dates.EnumerateObject().ToImmutableDictionary(p => p.Name, p => DateTimeOffset.Parse(p.Value.GetString()!, CultureInfo.InvariantCulture), StringComparer.Ordinal)
            : ImmutableDictionary<string, DateTimeOffset>.Empty;

    // The finding as the report wrote it, with its details' top-level text values only (which accounts a
    // cross-account finding names); the rest of the details is not needed to compare runs.
    internal static Finding ReadFinding(JsonElement f)
    {
        FindingLocation? location = null;
        if (f.TryGetProperty("location", out var l) && l.ValueKind == JsonValueKind.Object)
        {
            location = new FindingLocation(Text(l, "policy"), Int(l, "statement"), Text(l, "sid"), Text(l, "pointer"), Int(l, "line"), Int(l, "column"));
        }
        return new Finding(Text(f, "ruleId") ?? "", SeverityNames.Parse(Text(f, "severity") ?? "info") ?? Severity.Info, Text(f, "title") ?? "", Text(f, "message") ?? "",
            Text(f, "resource") ?? "", location, TextDetails(f), Text(f, "fingerprint") ?? "") { AccountId = Text(f, "accountId") };
    }

    private static MapDetail TextDetails(JsonElement f) =>
        f.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object
            ? new MapDetail([.. d.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => new KeyValuePair<string, Detail>(p.Name, p.Value.GetString()!))])
            : Finding.NoDetails;

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
}
