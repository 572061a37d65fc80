using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Access;

/// <summary>
/// The actions access is computed over, in full-name order: whole services (the usual case), or an explicit
/// list of actions. Equal scopes have equal keys, which is what memos remember access by.
/// </summary>
internal sealed class AccessScope
{
    private readonly List<(string Service, int Start, int Count)> _groups = [];
    private readonly List<ActionInfo> _actions;

    // What each action pattern covers, by its text (case-insensitive, as action names are): accounts repeat a few
    // dozen patterns thousands of times. Kept read-only: every thread of the audit shares them.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ReadOnlyBitSet> _patterns = new(StringComparer.OrdinalIgnoreCase);

    // What each list or NotAction element covers, by identity: elements belong to the audit's parsed statements, and
    // documents of the same text share them (DocumentCache); another instance is only matched again.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ActionElement, ReadOnlyBitSet> _elements = new(ReferenceEqualityComparer.Instance);

    private AccessScope(ImmutableArray<string> services, List<ActionInfo> actions, string key)
    {
        Services = services;
        Actions = _actions = actions;
        Key = key;
        for (var i = 0; i < actions.Count; i++)
        {
            if (_groups.Count > 0 && _groups[^1].Service == actions[i].Service)
                _groups[^1] = (_groups[^1].Service, _groups[^1].Start, _groups[^1].Count + 1);
            else
                _groups.Add((actions[i].Service, i, 1));
        }
    }

    public ImmutableArray<string> Services { get; }

    public IReadOnlyList<ActionInfo> Actions { get; }

    public string Key { get; }

    /// <summary>The index of an action of the scope (actions are in full-name order), or -1.</summary>
    public int IndexOf(ActionInfo action) => FullNameOrder.IndexOf(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_actions), static a => a.FullName, action.FullName);

    public static AccessScope Of(IamCatalog catalog, IEnumerable<string> services)
    {
        var names = services.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        var actions = names.Select(catalog.FindService).OfType<ServiceInfo>().SelectMany(s => s.Actions)
            .OrderBy(a => a.FullName, StringComparer.Ordinal).ToList();
        return new AccessScope(names, actions, string.Join(",", names));
    }

    /// <summary>A scope of exactly these actions; its key is a digest of their names.</summary>
    public static AccessScope OfActions(IEnumerable<ActionInfo> actions)
    {
        var list = actions.Distinct().OrderBy(a => a.FullName, StringComparer.Ordinal).ToList();
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(",", list.Select(a => a.FullName))));
        return new AccessScope([.. list.Select(a => a.Service).Distinct()], list, "actions:" + Convert.ToHexString(digest));
    }

    /// <summary>The actions of the scope an <c>Action</c> or <c>NotAction</c> element covers, in scope order.</summary>
    public List<ActionInfo> Covered(ActionElement element) => [.. CoveredIndexes(element).Indexes().Select(i => Actions[i])];

    /// <summary>The indexes (into <see cref="Actions"/>) of the actions an element covers, shared with other callers.</summary>
    public ReadOnlyBitSet CoveredIndexes(ActionElement element)
    {
        ReadOnlyBitSet Of(ActionPattern pattern) => _patterns.GetOrAdd(pattern.Text, static (_, state) => state.Scope.Match(state.Pattern), (Scope: this, Pattern: pattern));
        if (element.Entries.Length == 1 && !element.IsNot)
            return Of(element.Entries[0].Pattern);
        // Lists and NotAction: once per element (documents with the same text share their statements).
        if (_elements.TryGetValue(element, out var known))
            return known;
        var hit = new BitSet(Actions.Count);
        foreach (var entry in element.Entries)
            hit.UnionWith(Of(entry.Pattern));
        return _elements.GetOrAdd(element, element.IsNot ? hit.Complement() : hit);
    }

    private BitSet Match(ActionPattern pattern)
    {
        var hit = new BitSet(Actions.Count);
        foreach (var (service, start, count) in _groups)
        {
            if (!pattern.MatchesService(service))
                continue;
            for (var i = start; i < start + count; i++)
            {
                if (pattern.NameIsEverything || pattern.MatchesName(Actions[i].Name))
                    hit.Add(i);
            }
        }
        return hit;
    }
}
