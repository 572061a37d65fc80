namespace ImAudit.Engine.Access;

/// <summary>
/// Which of a fixed list of resources (an account's response plans, its contacts) an action's grants reach.
/// Principals holding the same policies hold grants of the same scope, so each scope (pattern and exceptions)
/// is matched against the list once per rule run, not once per principal. A rule's own working state: made by the
/// rule's run, used by its one thread, dropped when the run ends.
/// </summary>
internal sealed class ResourceReach(IReadOnlyList<string> arns)
{
    // By pattern and exceptions (a value): principals' merged grants are distinct objects with the same scope.
    private readonly Dictionary<string, ReadOnlyBitSet> _byScope = new(StringComparer.Ordinal);

    // By grant array (identity: ImmutableArray equality): a fast path in front of _byScope. Principals holding the
    // same documents hold the same arrays, as the audit's AccessMemo hands them out; a miss only costs the union of
    // _byScope's sets again.
    private readonly Dictionary<System.Collections.Immutable.ImmutableArray<ResourceGrant>, ReadOnlyBitSet> _byGrants = [];

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
        _byGrants[access.Grants] = reached;
        return reached;
    }

    private ReadOnlyBitSet Of(ResourceGrant grant)
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
        _byScope[key] = bits;
        return bits;
    }
}
