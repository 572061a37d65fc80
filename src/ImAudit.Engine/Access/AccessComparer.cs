using System.Collections.Immutable;
using ImAudit.Engine.Catalog;

namespace ImAudit.Engine.Access;

/// <summary>What an access holds beyond a baseline, for one action.</summary>
public sealed record ActionExcess(ActionInfo Action, ImmutableArray<ResourceGrant> Grants);

public sealed record ComparisonResult(string Baseline, bool IsSubset, ImmutableArray<ActionExcess> Excess);

/// <summary>
/// Decides access ⊆ baseline exactly over actions, and over resources by pattern inclusion: a grant is covered
/// when a baseline grant for the same action covers its pattern and every hole that grant's exceptions leave is
/// covered by the other baseline grants. A conditional baseline grant covers only conditional grants: an
/// unconditional grant is wider than any conditional one.
/// </summary>
internal static class AccessComparer
{
    public static ComparisonResult Compare(EffectiveAccess access, EffectiveAccess baseline, string baselineName)
    {
        var excess = ImmutableArray.CreateBuilder<ActionExcess>();
        foreach (var action in access.Actions)
        {
            var limits = baseline.Find(action.Action.FullName)?.Grants ?? [];
            var uncovered = action.Grants.Where(g => !Covered(g, limits)).ToArray();
            // All of an action's grants in excess (the usual case): its own array, shared with every principal holding it.
            if (uncovered.Length > 0)
                excess.Add(new ActionExcess(action.Action, uncovered.Length == action.Grants.Length ? action.Grants : [.. uncovered]));
        }
        return new ComparisonResult(baselineName, excess.Count == 0, excess.DrainToImmutable());
    }

    private static bool Covered(ResourceGrant grant, IReadOnlyList<ResourceGrant> limits)
    {
        foreach (var limit in limits)
        {
            if ((limit.Conditional && !grant.Conditional) || !limit.Pattern.Covers(grant.Pattern))
                continue;
            if (limit.Except.IsEmpty || HolesCovered(grant, limit, limits))
                return true;
        }
        return false;
    }

    // The holes a baseline grant's exceptions leave in the grant are covered by the other baseline grants.
    private static bool HolesCovered(ResourceGrant grant, ResourceGrant limit, IReadOnlyList<ResourceGrant> limits)
    {
        var holes = limit.Except.Where(e => !grant.Except.Any(x => x.Covers(e)) && !ResourceSets.Disjoint(e, grant.Pattern));
        var others = limits.Where(l => !ReferenceEquals(l, limit)).ToList();
        return holes.All(hole => grant.Pattern.Covers(hole) && Covered(grant with { Pattern = hole }, others));
    }
}
