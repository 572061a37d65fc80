namespace ImAudit.Engine.Access;

/// <summary>
/// Which of a fixed list of resources (an account's response plans, its contacts) an action's grants reach.
/// Principals holding the same policies hold grants of the same scope, so each scope (pattern and exceptions)
/// is matched against the list once per audit, not once per principal.
/// </summary>
internal sealed class ResourceReach(IReadOnlyList<string> arns)
{
    // By pattern and exceptions: principals' merged grants are distinct objects with the same scope.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, BitSet> _byScope = new(StringComparer.Ordinal);

    // By grant array: principals holding the same documents hold the same arrays.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<System.Collections.Immutable.ImmutableArray<ResourceGrant>, BitSet> _byGrants = new();

    private readonly ReadOnlyBitSet _none = new BitSet(arns.Count);

    public IReadOnlyList<string> Arns { get; } = arns;

    /// <summary>
    /// The indexes into <see cref="Arns"/> some grant of <paramref name="access"/> reaches (as <see cref="EffectiveAccess.GrantsOn"/>),
    /// shared with every caller asking for the same grants.
    /// </summary>
    public ReadOnlyBitSet Reached(ActionAccess? access)
    {
        if (access is null)
            return _none;
        if (_byGrants.TryGetValue(access.Grants, out var known))
            return known;
        var reached = new BitSet(Arns.Count);
        foreach (var grant in access.Grants)
            reached.UnionWith(Of(grant));
        return _byGrants.GetOrAdd(access.Grants, reached);
    }

    private BitSet Of(ResourceGrant grant)
    {
        var key = grant.ScopeKey;
        if (_byScope.TryGetValue(key, out var known))
            return known;
        var bits = new BitSet(Arns.Count);
        for (var i = 0; i < Arns.Count; i++)
        {
            if (EffectiveAccess.Reaches(grant, Arns[i]))
                bits.Add(i);
        }
        return _byScope.GetOrAdd(key, bits);
    }
}
