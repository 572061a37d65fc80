using System.Collections.Immutable;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Access;

/// <summary>The grants one document gives one action of a scope (by index into the scope's actions), in statement order.</summary>
internal sealed record ActionGrants(int Index, List<ResourceGrant> Grants);

/// <summary>
/// What one policy document contributes over a scope: the actions its Allow statements grant (ascending scope
/// index), each with the resources, and each unconditional Deny statement with the actions it covers. When a
/// principal's access to an action comes from this document alone, the document's own normalised access is
/// used as it is, computed once for every principal holding the document.
/// </summary>
internal sealed class DocumentAccess
{
    private readonly AccessScope _scope;
    private readonly ActionAccess?[] _alone;
    private readonly bool[] _aloneKnown;

    private DocumentAccess(AccessScope scope, ImmutableArray<ActionGrants> allowed, List<(Statement Statement, BitSet Covered)> denied)
    {
        _scope = scope;
        Allowed = allowed;
        Denied = denied;
        _alone = new ActionAccess?[allowed.Length];
        _aloneKnown = new bool[allowed.Length];
    }

    public ImmutableArray<ActionGrants> Allowed { get; }

    public List<(Statement Statement, BitSet Covered)> Denied { get; }

    public static DocumentAccess Of(AccessScope scope, PolicyDocument document)
    {
        var byIndex = new Dictionary<int, List<ResourceGrant>>();
        var denied = new List<(Statement, BitSet)>();
        foreach (var statement in document.Statements)
        {
            if (statement.Effect == Effect.Deny)
            {
                if (!statement.IsConditional)
                    denied.Add((statement, scope.CoveredIndexes(statement.Actions)));
                continue;
            }
            var covered = scope.CoveredIndexes(statement.Actions);
            if (covered.IsEmpty)
                continue;
            var grants = AccessCalculator.GrantsOf(statement, new GrantSource(document.Name, statement.Index, statement.Sid));
            // Actions one statement alone grants share its list (never changed once built).
            foreach (var index in covered.Indexes())
                byIndex[index] = byIndex.TryGetValue(index, out var earlier) ? [.. earlier, .. grants] : grants;
        }
        return new DocumentAccess(scope, [.. byIndex.OrderBy(e => e.Key).Select(e => new ActionGrants(e.Key, e.Value))], denied);
    }

    /// <summary>The access to the action of <see cref="Allowed"/>[<paramref name="position"/>] when this document alone grants it (null: none is left).</summary>
    public ActionAccess? Alone(int position)
    {
        // Racing threads compute equal values; either may be kept.
        if (Volatile.Read(ref _aloneKnown[position]))
            return _alone[position];
        var entry = Allowed[position];
        var normalized = AccessCalculator.Normalize(entry.Grants);
        var access = normalized.IsEmpty ? null : new ActionAccess(_scope.Actions[entry.Index], normalized);
        _alone[position] = access;
        Volatile.Write(ref _aloneKnown[position], true);
        return access;
    }
}
