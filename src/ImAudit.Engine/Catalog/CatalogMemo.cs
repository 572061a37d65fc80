using System.Collections.Concurrent;
using System.Collections.Immutable;
using ImAudit.Engine.Matching;

namespace ImAudit.Engine.Catalog;

/// <summary>
/// What depends on one catalogue alone, remembered for every audit that uses it; owned by its <see cref="IamCatalog"/>
/// (one per catalogue). Everything handed out is immutable (arrays, compiled formats, flags). Two lifetimes, by
/// where the keys come from:
/// <list type="bullet">
/// <item>keyed by the catalogue's own data (ARN formats, an action's formats): finite, kept as long as the catalogue;</item>
/// <item>keyed by what users write (pattern texts): <see cref="BoundedMemo{TKey, TValue}"/>s of 100,000 entries each,
/// emptied when the last running audit ends (<see cref="AuditLifetime"/>), so a warm process returns to where it
/// started between audits.</item>
/// </list>
/// Keys are values (texts; an action compares by full name), so a hit never depends on who built the key.
/// </summary>
internal sealed class CatalogMemo
{
    private const int UserKeyedLimit = 100_000;

    private readonly IamCatalog _catalog;

    // Pattern text (case-insensitive, as action names are) → the catalogue's actions it matches, in full-name order.
    private readonly BoundedMemo<string, ImmutableArray<ActionInfo>> _expansions = new(UserKeyedLimit, StringComparer.OrdinalIgnoreCase);

    // Pattern text → the ssm-incidents and ssm-contacts actions it matches.
    private readonly BoundedMemo<string, ImmutableArray<ActionInfo>> _incidentExpansions = new(UserKeyedLimit, StringComparer.OrdinalIgnoreCase);

    // (ARN format, resource pattern text) → the pattern (variables read as `*`) can match some ARN of the format.
    private readonly BoundedMemo<(string Format, string Pattern), bool> _formatMatches = new(UserKeyedLimit);

    // ARN format of the catalogue → compiled.
    private readonly ConcurrentDictionary<string, Glob> _arnFormats = new(StringComparer.Ordinal);

    // Action (by full name) → the ARN formats of its resource types.
    private readonly ConcurrentDictionary<ActionInfo, ImmutableArray<string>> _actionFormats = new();

    private readonly Lazy<ImmutableArray<ActionInfo>> _incidentManagerActions;

    public CatalogMemo(IamCatalog catalog)
    {
        _catalog = catalog;
        _incidentManagerActions = new(() => [.. catalog.Services.Where(s => IncidentManager.IsService(s.Prefix)).SelectMany(s => s.Actions)]);
    }

    public ImmutableArray<ActionInfo> IncidentManagerActions => _incidentManagerActions.Value;

    /// <summary>How many entries the memos keyed by user text hold (for tests: audits leave none behind).</summary>
    internal int UserKeyedCount => _expansions.Count + _incidentExpansions.Count + _formatMatches.Count;

    public ImmutableArray<ActionInfo> Expansion(ActionPattern pattern) =>
        _expansions.GetOrAdd(pattern.Text, static (_, state) => ActionExpansion.Expand(state.Catalog, state.Pattern), (Catalog: _catalog, Pattern: pattern));

    public ImmutableArray<ActionInfo> IncidentExpansion(ActionPattern pattern) =>
        _incidentExpansions.GetOrAdd(pattern.Text, static (_, state) => [.. state.Memo.IncidentManagerActions.Where(a => state.Pattern.Matches(a.Service, a.Name))], (Memo: this, Pattern: pattern));

    public bool FormatMayMatch(string format, ResourcePattern pattern) =>
        _formatMatches.GetOrAdd((format, pattern.Text), static (key, state) => state.Pattern.Approximation.Intersects(state.Memo.ArnFormat(key.Format)), (Memo: this, Pattern: pattern));

    public Glob ArnFormat(string format) => _arnFormats.GetOrAdd(format, static f => ArnFormats.Compile(f));

    public ImmutableArray<string> ArnFormatsOf(ActionInfo action) =>
        _actionFormats.GetOrAdd(action, static (a, catalog) => catalog.FindService(a.Service) is { } service
            ? [.. a.ResourceTypes.SelectMany(rt => service.ResourceTypes.TryGetValue(rt.Name, out var info) ? info.ArnFormats : []).Distinct()]
            : [], _catalog);
}
