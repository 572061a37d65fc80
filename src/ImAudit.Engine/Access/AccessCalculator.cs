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

    public static EffectiveAccess Compute(IamCatalog catalog, PolicySet policies, IReadOnlyCollection<string>? services = null)
    {
        var scopeNames = (services ?? IncidentManagerServices).Order(StringComparer.Ordinal).ToImmutableArray();
        var scope = scopeNames.Select(catalog.FindService).OfType<ServiceInfo>().SelectMany(s => s.Actions).ToList();
        var grants = Allowed(scope, policies.Identity);
        var denying = policies.Identity.Concat(policies.PermissionsBoundary ?? []).ToList();
        SubtractDenies(scope, denying, grants);
        if (policies.PermissionsBoundary is { } boundaryPolicies)
        {
            var boundary = Allowed(scope, boundaryPolicies);
            SubtractDenies(scope, boundaryPolicies, boundary);
            IntersectWithBoundary(grants, boundary);
        }
        var actions = grants
            .Where(kv => kv.Value.Count > 0)
            .Select(kv => new ActionAccess(kv.Key, Normalize(kv.Value)))
            .OrderBy(a => a.Action.FullName, StringComparer.Ordinal)
            .ToImmutableArray();
        return new EffectiveAccess(scopeNames, actions);
    }

    private static Dictionary<ActionInfo, List<ResourceGrant>> Allowed(List<ActionInfo> scope, IEnumerable<PolicyDocument> documents)
    {
        var grants = new Dictionary<ActionInfo, List<ResourceGrant>>();
        foreach (var document in documents)
        {
            foreach (var statement in document.Statements.Where(s => s.Effect == Effect.Allow))
            {
                var source = new GrantSource(document.Name, statement.Index, statement.Sid);
                var resourceGrants = GrantsOf(statement, source);
                foreach (var action in ActionExpansion.Covered(scope, statement.Actions))
                {
                    if (!grants.TryGetValue(action, out var list))
                        grants[action] = list = [];
                    list.AddRange(resourceGrants);
                }
            }
        }
        return grants;
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
                if (grants.TryGetValue(action, out var list))
                    list.RemoveAll(grant => Denies(statement.Resources, grant));
            }
        }
    }

    // A grant is removed only when the deny certainly covers all of it; partial overlaps keep the grant.
    private static bool Denies(ResourceElement? resources, ResourceGrant grant)
    {
        if (resources is null)
            return true;
        if (!resources.IsNot)
            return resources.Entries.Any(e => e.Pattern.Covers(grant.Pattern));
        // NotResource deny: denies everything outside the listed patterns.
        return grant.Pattern.Approximation.IsLiteral && !grant.Pattern.HasVariables
            && !resources.Entries.Any(e => e.Pattern.Matches(grant.Pattern.Text) != Tristate.False);
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
