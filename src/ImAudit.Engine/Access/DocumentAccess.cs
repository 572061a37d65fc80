using System.Collections.Immutable;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Access;

/// <summary>The grants one document gives one action of a scope (by index into the scope's actions), in statement order.</summary>
internal readonly record struct ActionGrants(int Index, ImmutableArray<ResourceGrant> Grants);

/// <summary>
/// What one policy document contributes over a scope: the actions its Allow statements grant (ascending scope
/// index), each with the resources, and each unconditional Deny statement with the actions it covers. When a
/// principal's access to an action comes from this document alone, the document's own normalised access is
/// used as it is, computed once for every principal holding the document. Kept by the audit's
/// <see cref="AccessMemo"/> and read by every thread: what it hands out is immutable by type.
/// </summary>
internal sealed class DocumentAccess
{
    private readonly AccessScope _scope;
    private ByActionState? _byAction;

    private DocumentAccess(AccessScope scope, ImmutableArray<(ReadOnlyBitSet Covered, ImmutableArray<ResourceGrant> Grants)> allows, ImmutableArray<(Statement Statement, ReadOnlyBitSet Covered)> denied)
    {
        _scope = scope;
        Allows = allows;
        Denied = denied;
    }

    /// <summary>Each Allow statement: the actions it covers (scope indexes) and its grants.</summary>
    public ImmutableArray<(ReadOnlyBitSet Covered, ImmutableArray<ResourceGrant> Grants)> Allows { get; }

    /// <summary>The actions the Allow statements grant, ascending, each with its grants (built on first use: large scopes rarely need it).</summary>
    public ImmutableArray<ActionGrants> Allowed => State.Allowed;

    // Racing threads build equal states; the first published is kept.
    private ByActionState State => Volatile.Read(ref _byAction) ?? Interlocked.CompareExchange(ref _byAction, ByAction(), null) ?? _byAction!;

    public ImmutableArray<(Statement Statement, ReadOnlyBitSet Covered)> Denied { get; }

    public static DocumentAccess Of(AccessScope scope, PolicyDocument document)
    {
        var allows = ImmutableArray.CreateBuilder<(ReadOnlyBitSet, ImmutableArray<ResourceGrant>)>();
        var denied = ImmutableArray.CreateBuilder<(Statement, ReadOnlyBitSet)>();
        foreach (var statement in document.Statements)
        {
            if (statement.Effect == Effect.Deny)
            {
                if (!statement.IsConditional)
                    denied.Add((statement, scope.CoveredIndexes(statement.Actions)));
                continue;
            }
            var covered = scope.CoveredIndexes(statement.Actions);
            if (!covered.IsEmpty)
                allows.Add((covered, AccessCalculator.GrantsOf(statement, new GrantSource(document.Name, statement.Index, statement.Sid))));
        }
        return new DocumentAccess(scope, allows.DrainToImmutable(), denied.DrainToImmutable());
    }

    // The per-action view, with the document's own access to each action filled in as principals ask for it.
    private sealed record ByActionState(ImmutableArray<ActionGrants> Allowed)
    {
        public ActionAccess?[] Alone { get; } = new ActionAccess?[Allowed.Length];

        public bool[] Known { get; } = new bool[Allowed.Length];
    }

    private ByActionState ByAction()
    {
        var count = _scope.Actions.Count;
        var byIndex = System.Buffers.ArrayPool<ImmutableArray<ResourceGrant>>.Shared.Rent(count);
        Array.Clear(byIndex, 0, count);
        var held = 0;
        foreach (var (covered, grants) in Allows)
        {
            // Actions one statement alone grants share its array.
            foreach (var index in covered.Indexes())
            {
                if (!byIndex[index].IsDefault)
                    byIndex[index] = byIndex[index].AddRange(grants);
                else
                {
                    byIndex[index] = grants;
                    held++;
                }
            }
        }
        var allowed = new ActionGrants[held];
        var next = 0;
        for (var i = 0; i < count; i++)
        {
            if (!byIndex[i].IsDefault)
                allowed[next++] = new ActionGrants(i, byIndex[i]);
        }
        System.Buffers.ArrayPool<ImmutableArray<ResourceGrant>>.Shared.Return(byIndex, clearArray: true);
        return new ByActionState(System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(allowed));
    }

    /// <summary>
    /// The access to the action of <see cref="Allowed"/>[<paramref name="position"/>] when this document alone grants
    /// it (null: none is left). With a memo, actions one statement alone grants (one shared grant array) share one
    /// normalised array.
    /// </summary>
    public ActionAccess? Alone(int position, AccessMemo? memo)
    {
        // Racing threads compute equal values; either may be kept.
        var state = State;
        if (Volatile.Read(ref state.Known[position]))
            return state.Alone[position];
        var entry = state.Allowed[position];
        var normalized = memo is null ? GrantNormalization.Normalize(entry.Grants.AsSpan()) : memo.Normalized(entry.Grants.AsSpan());
        var access = normalized.IsEmpty ? null : new ActionAccess(_scope.Actions[entry.Index], normalized);
        state.Alone[position] = access;
        Volatile.Write(ref state.Known[position], true);
        return access;
    }
}
