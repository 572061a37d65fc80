using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Access;

/// <summary>
/// Computes effective access over a service scope: what the identity policies allow (wildcards expanded exactly
/// over the catalogue), minus unconditional explicit denies, within the permissions boundary when there is one.
/// </summary>
internal static class AccessCalculator
{
    public static EffectiveAccess Compute(IamCatalog catalog, PolicySet policies, IReadOnlyCollection<string>? services = null, AccessMemo? memo = null) =>
        Compute(memo is null ? AccessScope.Of(catalog, services ?? IncidentManager.Services)
            : services is null ? memo.IncidentManagerScope(catalog) : memo.Scope(catalog, services), policies, memo);

    public static EffectiveAccess Compute(AccessScope scope, PolicySet policies, AccessMemo? memo) =>
        memo is null ? Uncached(scope, policies, null) : memo.Access(scope, policies, () => Uncached(scope, policies, memo));

    private static EffectiveAccess Uncached(AccessScope scope, PolicySet policies, AccessMemo? memo)
    {
        DocumentAccess Of(PolicyDocument document) => memo?.Of(scope, document) ?? DocumentAccess.Of(scope, document);
        var identity = policies.Identity.Select(Of).ToList();
        var boundary = policies.PermissionsBoundary?.Select(Of).ToList();
        var actions = boundary is null && identity.TrueForAll(d => d.Denied.IsEmpty)
            ? Merged(scope, identity, memo)
            : Limited(scope, identity, boundary, null);
        return new EffectiveAccess(scope.Services, actions);
    }

    /// <summary>
    /// Access to some of a scope's actions only (<paramref name="only"/>: their indexes), exactly as the whole
    /// computation gives it for them; for comparisons that need a few actions of a large scope.
    /// </summary>
    public static EffectiveAccess ComputeOnly(AccessScope scope, PolicySet policies, ReadOnlyBitSet only, AccessMemo memo)
    {
        var identity = policies.Identity.Select(d => memo.Of(scope, d)).ToList();
        var boundary = policies.PermissionsBoundary?.Select(d => memo.Of(scope, d)).ToList();
        return new EffectiveAccess(scope.Services, boundary is null && identity.TrueForAll(d => d.Denied.IsEmpty)
            ? MergedOnly(scope, identity, only, memo)
            : Limited(scope, identity, boundary, only));
    }

    // Allows only, for the asked actions: each action's grants from the statements covering it, normalised once
    // per list of grant objects for every principal meeting the same list.
    private static ImmutableArray<ActionAccess> MergedOnly(AccessScope scope, List<DocumentAccess> documents, ReadOnlyBitSet only, AccessMemo memo)
    {
        var actions = ImmutableArray.CreateBuilder<ActionAccess>();
        var scratch = new List<ResourceGrant>();
        foreach (var index in only.Indexes())
        {
            scratch.Clear();
            Gather(documents, index, scratch);
            if (scratch.Count > 0 && memo.Normalized(CollectionsMarshal.AsSpan(scratch)) is { IsEmpty: false } normalized)
                actions.Add(new ActionAccess(scope.Actions[index], normalized));
        }
        return actions.DrainToImmutable();
    }

    // Allows only: each action's grants are its documents' grants together, and an action one document alone
    // grants is that document's access, shared by every principal holding it.
    private static ImmutableArray<ActionAccess> Merged(AccessScope scope, List<DocumentAccess> documents, AccessMemo? memo)
    {
        var actions = ImmutableArray.CreateBuilder<ActionAccess>(Math.Min(scope.Actions.Count, documents.Sum(d => d.Allowed.Length)));
        var positions = new int[documents.Count];
        var holders = new List<int>(documents.Count);
        var scratch = new List<ResourceGrant>();
        while (true)
        {
            var next = int.MaxValue;
            holders.Clear();
            for (var d = 0; d < documents.Count; d++)
            {
                if (positions[d] >= documents[d].Allowed.Length)
                    continue;
                var index = documents[d].Allowed[positions[d]].Index;
                if (index < next)
                {
                    next = index;
                    holders.Clear();
                }
                if (index == next)
                    holders.Add(d);
            }
            if (holders.Count == 0)
                return actions.Count == actions.Capacity ? actions.MoveToImmutable() : actions.ToImmutable();
            if (holders.Count == 1)
            {
                if (documents[holders[0]].Alone(positions[holders[0]], memo) is { } alone)
                    actions.Add(alone);
            }
            else
            {
                scratch.Clear();
                foreach (var d in holders)
                    scratch.AddRange(documents[d].Allowed[positions[d]].Grants.AsSpan());
                var span = CollectionsMarshal.AsSpan(scratch);
                if ((memo is null ? GrantNormalization.Normalize(span) : memo.Normalized(span)) is { IsEmpty: false } normalized)
                    actions.Add(new ActionAccess(scope.Actions[next], normalized));
            }
            foreach (var d in holders)
                positions[d]++;
        }
    }

    // With denies or a permissions boundary: allows minus unconditional denies, within the boundary.
    private static ImmutableArray<ActionAccess> Limited(AccessScope scope, List<DocumentAccess> identity, List<DocumentAccess>? boundaryDocuments, ReadOnlyBitSet? only)
    {
        // Working arrays, one slot per action of the scope (large scopes are asked for a few actions): pooled.
        var count = scope.Actions.Count;
        var grants = Allowed(identity, only, count);
        var boundary = boundaryDocuments is null ? null : Allowed(boundaryDocuments, only, count);
        try
        {
            foreach (var document in identity.Concat(boundaryDocuments ?? []))
                SubtractDenies(document, grants);
            if (boundaryDocuments is not null)
            {
                foreach (var document in boundaryDocuments)
                    SubtractDenies(document, boundary!);
                IntersectWithBoundary(grants, boundary!, count);
            }
            var actions = ImmutableArray.CreateBuilder<ActionAccess>();
            for (var i = 0; i < count; i++)
            {
                if (grants[i] is { } list && GrantNormalization.Normalize(CollectionsMarshal.AsSpan(list)) is { IsEmpty: false } normalized)
                    actions.Add(new ActionAccess(scope.Actions[i], normalized));
            }
            return actions.DrainToImmutable();
        }
        finally
        {
            System.Buffers.ArrayPool<List<ResourceGrant>?>.Shared.Return(grants, clearArray: true);
            if (boundary is not null)
                System.Buffers.ArrayPool<List<ResourceGrant>?>.Shared.Return(boundary, clearArray: true);
        }
    }

    // Each action's grants (by scope index; only some when asked) from the documents' Allow statements, in
    // document and statement order.
    private static List<ResourceGrant>?[] Allowed(List<DocumentAccess> documents, ReadOnlyBitSet? only, int count)
    {
        var grants = System.Buffers.ArrayPool<List<ResourceGrant>?>.Shared.Rent(count);
        Array.Clear(grants, 0, count);
        if (only is not { } asked)
        {
            foreach (var document in documents)
            {
                foreach (var (index, list) in document.Allowed)
                    (grants[index] ??= []).AddRange(list.AsSpan());
            }
        }
        else
        {
            var scratch = new List<ResourceGrant>();
            foreach (var index in asked.Indexes())
            {
                scratch.Clear();
                Gather(documents, index, scratch);
                if (scratch.Count > 0)
                    grants[index] = [.. scratch];
            }
        }
        return grants;
    }

    // One action's grants from the documents' Allow statements that cover it, in document and statement order.
    private static void Gather(List<DocumentAccess> documents, int index, List<ResourceGrant> into)
    {
        foreach (var document in documents)
        {
            foreach (var (covered, grants) in document.Allows)
            {
                if (covered[index])
                    into.AddRange(grants.AsSpan());
            }
        }
    }

    internal static ImmutableArray<ResourceGrant> GrantsOf(Statement statement, GrantSource source)
    {
        var conditional = statement.IsConditional;
        return statement.Resources switch
        {
            null => [new ResourceGrant(ResourcePattern.Everything, [], conditional, [source])],
            { IsNot: true } not => [new ResourceGrant(ResourcePattern.Everything, [.. not.Entries.Select(e => e.Pattern)], conditional, [source])],
            var element => [.. element.Entries.Select(e => new ResourceGrant(e.Pattern, [], conditional, [source]))],
        };
    }

    private static void SubtractDenies(DocumentAccess document, List<ResourceGrant>?[] grants)
    {
        foreach (var (statement, covered) in document.Denied)
        {
            foreach (var index in covered.Indexes())
            {
                if (grants[index] is not { } list)
                    continue;
                var remaining = list.SelectMany(grant => Subtract(statement.Resources, grant)).ToList();
                list.Clear();
                list.AddRange(remaining);
            }
        }
    }

    // What is left of a grant after an unconditional deny: nothing when the deny covers it, the grant with the
    // denied patterns as exceptions when they overlap, the grant unchanged when they are disjoint.
    private static IEnumerable<ResourceGrant> Subtract(ResourceElement? denied, ResourceGrant grant)
    {
        if (denied is null)
            return [];
        if (denied.IsNot)
            return Intersect(grant, denied.Entries.Select(e => e.Pattern));
        if (denied.Entries.Any(e => e.Pattern.Covers(grant.Pattern)))
            return [];
        var overlapping = denied.Entries.Select(e => e.Pattern)
            .Where(d => !ResourceSets.Disjoint(d, grant.Pattern) && !grant.Except.Any(x => x.Covers(d)))
            .ToList();
        return [overlapping.Count == 0 ? grant : grant with { Except = [.. grant.Except, .. overlapping] }];
    }

    // A NotResource deny leaves only the listed patterns: the grant narrowed to each of them. Where neither side
    // covers the other and they may overlap, the grant is kept whole (an over-approximation, never an omission).
    private static List<ResourceGrant> Intersect(ResourceGrant grant, IEnumerable<ResourcePattern> kept)
    {
        var patterns = kept.ToList();
        if (patterns.Any(k => k.Covers(grant.Pattern)))
            return [grant];
        var pieces = new List<ResourceGrant>();
        foreach (var k in patterns.Where(k => !ResourceSets.Disjoint(k, grant.Pattern)))
        {
            if (!grant.Pattern.Covers(k))
                return [grant];
            pieces.Add(grant with { Pattern = k });
        }
        return pieces;
    }

    private static void IntersectWithBoundary(List<ResourceGrant>?[] grants, List<ResourceGrant>?[] boundary, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (grants[i] is not { } list)
                continue;
            var limits = boundary[i];
            if (limits is null)
            {
                list.Clear();
                continue;
            }
            var kept = new List<ResourceGrant>(list.Count);
            foreach (var grant in list)
            {
                // Wider boundary grants keep the grant, conditional only when every one of them is.
                var wider = 0;
                var widerConditional = true;
                foreach (var limit in limits)
                {
                    if (limit.Except.IsEmpty && limit.Pattern.Covers(grant.Pattern))
                    {
                        wider++;
                        widerConditional &= limit.Conditional;
                    }
                }
                if (wider > 0)
                {
                    kept.Add(grant.Conditional || !widerConditional ? grant : grant with { Conditional = true });
                    continue;
                }
                // The boundary is narrower: what remains is the boundary's pattern, under both sets of conditions.
                if (!grant.Except.IsEmpty)
                    continue;
                foreach (var limit in limits)
                {
                    if (grant.Pattern.Covers(limit.Pattern))
                        kept.Add(grant with { Pattern = limit.Pattern, Except = limit.Except, Conditional = grant.Conditional || limit.Conditional });
                }
            }
            list.Clear();
            list.AddRange(kept);
        }
    }
}
