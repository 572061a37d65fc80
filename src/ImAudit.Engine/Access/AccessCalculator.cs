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

    public static EffectiveAccess Compute(IamCatalog catalog, PolicySet policies, IReadOnlyCollection<string>? services = null, AccessMemo? memo = null)
    {
        var scopeNames = (services ?? IncidentManagerServices).Order(StringComparer.Ordinal).ToImmutableArray();
        var scope = scopeNames.Select(catalog.FindService).OfType<ServiceInfo>().SelectMany(s => s.Actions).ToList();
        var grants = Allowed(scope, policies.Identity, memo);
        var denying = policies.Identity.Concat(policies.PermissionsBoundary ?? []).ToList();
        SubtractDenies(scope, denying, grants);
        if (policies.PermissionsBoundary is { } boundaryPolicies)
        {
            var boundary = Allowed(scope, boundaryPolicies, memo);
            SubtractDenies(scope, boundaryPolicies, boundary);
            IntersectWithBoundary(grants, boundary);
        }
        var actions = grants
            .Select(kv => new ActionAccess(kv.Key, Normalize(kv.Value)))
            .Where(a => !a.Grants.IsEmpty)
            .OrderBy(a => a.Action.FullName, StringComparer.Ordinal)
            .ToImmutableArray();
        return new EffectiveAccess(scopeNames, actions);
    }

    private static Dictionary<ActionInfo, List<ResourceGrant>> Allowed(List<ActionInfo> scope, IEnumerable<PolicyDocument> documents, AccessMemo? memo)
    {
        var grants = new Dictionary<ActionInfo, List<ResourceGrant>>();
        foreach (var document in documents)
        {
            foreach (var (action, grant) in memo?.AllowedBy(scope, document) ?? AllowedBy(scope, document))
            {
                if (!grants.TryGetValue(action, out var list))
                    grants[action] = list = [];
                list.Add(grant);
            }
        }
        return grants;
    }

    internal static List<(ActionInfo Action, ResourceGrant Grant)> AllowedBy(List<ActionInfo> scope, PolicyDocument document)
    {
        var result = new List<(ActionInfo, ResourceGrant)>();
        foreach (var statement in document.Statements.Where(s => s.Effect == Effect.Allow))
        {
            var source = new GrantSource(document.Name, statement.Index, statement.Sid);
            var resourceGrants = GrantsOf(statement, source);
            foreach (var action in ActionExpansion.Covered(scope, statement.Actions))
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

    private static void SubtractDenies(List<ActionInfo> scope, IEnumerable<PolicyDocument> documents, Dictionary<ActionInfo, List<ResourceGrant>> grants)
    {
        foreach (var statement in documents.SelectMany(d => d.Statements).Where(s => s.Effect == Effect.Deny && !s.IsConditional))
        {
            foreach (var action in ActionExpansion.Covered(scope, statement.Actions))
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
        var merged = grants
            .Where(g => !g.Except.Any(e => e.Covers(g.Pattern)))
            .GroupBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.First() with { Sources = [.. g.SelectMany(x => x.Sources).Distinct()] })
            .ToList();
        var result = merged
            .Where(g => !merged.Any(o => !ReferenceEquals(o, g) && Subsumes(o, g)))
            .OrderBy(g => g.Pattern.Text, StringComparer.Ordinal)
            .ThenBy(g => g.Conditional)
            .ToImmutableArray();
        return result;
    }

    // o makes g redundant: o is unconditional (or both are conditional on the same footing), has no exceptions,
    // and covers g's pattern; ties between equal patterns are broken by the key so exactly one survives.
    private static bool Subsumes(ResourceGrant o, ResourceGrant g) =>
        o.Except.IsEmpty && (!o.Conditional || g.Conditional) && o.Pattern.Covers(g.Pattern)
        && (!g.Pattern.Covers(o.Pattern) || g.Except.Length > 0 || (g.Conditional && !o.Conditional)
            || string.CompareOrdinal(o.Key, g.Key) < 0);
}
