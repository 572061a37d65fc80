using System.Collections.Immutable;
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
    public static readonly ImmutableArray<string> IncidentManagerServices = ["ssm-contacts", "ssm-incidents"];

    public static EffectiveAccess Compute(IamCatalog catalog, PolicySet policies, IReadOnlyCollection<string>? services = null, AccessMemo? memo = null) =>
        Compute(memo?.Scope(catalog, services ?? IncidentManagerServices) ?? AccessScope.Of(catalog, services ?? IncidentManagerServices), policies, memo);

    public static EffectiveAccess Compute(AccessScope scope, PolicySet policies, AccessMemo? memo) =>
        memo is null ? Uncached(scope, policies, null) : memo.Access(scope, policies, () => Uncached(scope, policies, memo));

    private static EffectiveAccess Uncached(AccessScope scope, PolicySet policies, AccessMemo? memo)
    {
        DocumentAccess Of(PolicyDocument document) => memo?.Of(scope, document) ?? DocumentAccess.Of(scope, document);
        var grants = Allowed(policies.Identity.Select(Of));
        foreach (var document in policies.Identity.Concat(policies.PermissionsBoundary ?? []))
            SubtractDenies(Of(document), grants);
        if (policies.PermissionsBoundary is { } boundaryPolicies)
        {
            var boundary = Allowed(boundaryPolicies.Select(Of));
            foreach (var document in boundaryPolicies)
                SubtractDenies(Of(document), boundary);
            IntersectWithBoundary(grants, boundary);
        }
        var actions = ImmutableArray.CreateBuilder<ActionAccess>(grants.Count);
        foreach (var action in scope.Actions)
        {
            if (grants.TryGetValue(action, out var list) && Normalize(list) is { IsEmpty: false } normalized)
                actions.Add(new ActionAccess(action, normalized));
        }
        return new EffectiveAccess(scope.Services, actions.DrainToImmutable());
    }

    private static Dictionary<ActionInfo, List<ResourceGrant>> Allowed(IEnumerable<DocumentAccess> documents)
    {
        var grants = new Dictionary<ActionInfo, List<ResourceGrant>>();
        foreach (var document in documents)
        {
            foreach (var (action, grant) in document.Allowed)
            {
                if (!grants.TryGetValue(action, out var list))
                    grants[action] = list = [];
                list.Add(grant);
            }
        }
        return grants;
    }

    internal static List<(ActionInfo Action, ResourceGrant Grant)> AllowedBy(AccessScope scope, PolicyDocument document)
    {
        var result = new List<(ActionInfo, ResourceGrant)>();
        foreach (var statement in document.Statements.Where(s => s.Effect == Effect.Allow))
        {
            var source = new GrantSource(document.Name, statement.Index, statement.Sid);
            var resourceGrants = GrantsOf(statement, source);
            foreach (var action in scope.Covered(statement.Actions))
                result.AddRange(resourceGrants.Select(g => (action, g)));
        }
        return result;
    }

    private static List<ResourceGrant> GrantsOf(Statement statement, GrantSource source)
    {
        var conditional = statement.IsConditional;
        return statement.Resources switch
        {
            null => [new ResourceGrant(ResourcePattern.Everything, [], conditional, [source])],
            { IsNot: true } not => [new ResourceGrant(ResourcePattern.Everything, [.. not.Entries.Select(e => e.Pattern)], conditional, [source])],
            var element => [.. element.Entries.Select(e => new ResourceGrant(e.Pattern, [], conditional, [source]))],
        };
    }

    private static void SubtractDenies(DocumentAccess document, Dictionary<ActionInfo, List<ResourceGrant>> grants)
    {
        foreach (var (statement, covered) in document.Denied)
        {
            foreach (var action in covered)
            {
                if (!grants.TryGetValue(action, out var list))
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

    private static void IntersectWithBoundary(Dictionary<ActionInfo, List<ResourceGrant>> grants, Dictionary<ActionInfo, List<ResourceGrant>> boundary)
    {
        foreach (var (action, list) in grants)
        {
            var limits = boundary.GetValueOrDefault(action) ?? [];
            var kept = new List<ResourceGrant>();
            foreach (var grant in list)
            {
                var wider = limits.Where(l => l.Except.IsEmpty && l.Pattern.Covers(grant.Pattern)).ToList();
                if (wider.Count > 0)
                {
                    kept.Add(grant with { Conditional = grant.Conditional || wider.All(l => l.Conditional) });
                    continue;
                }
                // The boundary is narrower: what remains is the boundary's pattern, under both sets of conditions.
                kept.AddRange(limits
                    .Where(l => grant.Except.IsEmpty && grant.Pattern.Covers(l.Pattern))
                    .Select(l => grant with { Pattern = l.Pattern, Except = l.Except, Conditional = grant.Conditional || l.Conditional }));
            }
            list.Clear();
            list.AddRange(kept);
        }
    }

    private static ImmutableArray<ResourceGrant> Normalize(List<ResourceGrant> grants)
    {
        // Most actions have one grant: nothing to merge or subsume.
        if (grants.Count == 1)
            return grants[0].Except.Any(e => e.Covers(grants[0].Pattern)) ? [] : [grants[0]];
        var merged = new List<ResourceGrant>(grants.Count);
        foreach (var grant in grants.Where(g => !g.Except.Any(e => e.Covers(g.Pattern))))
        {
            var same = merged.FindIndex(m => SameScope(m, grant));
            if (same < 0)
                merged.Add(grant);
            else if (!merged[same].Sources.SequenceEqual(grant.Sources))
                merged[same] = merged[same] with { Sources = [.. merged[same].Sources.Concat(grant.Sources).Distinct()] };
        }
        if (merged.Count == 1)
            return [merged[0]];
        // An unconditional grant on every resource makes every other grant redundant.
        if (merged.Find(g => !g.Conditional && g.Except.IsEmpty && g.Pattern.IsEverything) is { } everything)
            return [everything];
        return [.. merged
            .Where(g => !merged.Any(o => !ReferenceEquals(o, g) && Subsumes(o, g)))
            .OrderBy(g => g.Pattern.Text, StringComparer.Ordinal)
            .ThenBy(g => g.Conditional)];
    }

    // Same pattern, same exceptions, same footing (ResourceGrant.Key equality, without building the strings): one
    // grant with both sources.
    private static bool SameScope(ResourceGrant a, ResourceGrant b) =>
        a.Conditional == b.Conditional && a.Pattern.Text == b.Pattern.Text
        && a.Except.Length == b.Except.Length && (a.Except.IsEmpty || a.Except.Select(e => e.Text).SequenceEqual(b.Except.Select(e => e.Text), StringComparer.Ordinal));

    // o makes g redundant: o is unconditional (or both are conditional on the same footing), has no exceptions,
    // and covers g's pattern; ties between equal patterns are broken by the key so exactly one survives.
    private static bool Subsumes(ResourceGrant o, ResourceGrant g) =>
        o.Except.IsEmpty && (!o.Conditional || g.Conditional) && o.Pattern.Covers(g.Pattern)
        && (!g.Pattern.Covers(o.Pattern) || g.Except.Length > 0 || (g.Conditional && !o.Conditional)
            || string.CompareOrdinal(o.Key, g.Key) < 0);
}
