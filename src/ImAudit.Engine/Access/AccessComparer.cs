using System.Collections.Immutable;
using ImAudit.Engine.Catalog;

namespace ImAudit.Engine.Access;

/// <summary>What an access holds beyond a baseline, for one action.</summary>
internal sealed record ActionExcess(ActionInfo Action, ImmutableArray<ResourceGrant> Grants);

internal sealed record ComparisonResult(string Baseline, bool IsSubset, ImmutableArray<ActionExcess> Excess);

/// <summary>
/// Decides access ⊆ baseline exactly over actions, and over resources by pattern inclusion: a grant is covered
/// when a baseline grant for the same action covers its pattern and every hole that grant's exceptions leave is
/// covered by the other baseline grants. A conditional baseline grant covers only conditional grants: an
/// unconditional grant is wider than any conditional one.
/// </summary>
internal static class AccessComparer
{
    public static ComparisonResult Compare(EffectiveAccess access, EffectiveAccess baseline, string baselineName, AccessMemo? memo = null)
    {
        var excess = ImmutableArray.CreateBuilder<ActionExcess>(access.Actions.Length);
        foreach (var action in access.Actions)
        {
            if (Excess(action, baseline.Find(action.Action.FullName)?.Grants ?? [], memo) is { } beyond)
                excess.Add(beyond);
        }
        return new ComparisonResult(baselineName, excess.Count == 0, excess.Count == excess.Capacity ? excess.MoveToImmutable() : excess.ToImmutable());
    }

    // What of one action's grants the baseline's grants for it do not cover (null: all covered).
    private static ActionExcess? Excess(ActionAccess action, ImmutableArray<ResourceGrant> limits, AccessMemo? memo)
    {
        var uncovered = 0;
        foreach (var grant in action.Grants)
        {
            if (!Covered(grant, limits, memo))
                uncovered++;
        }
        // All of an action's grants in excess (the usual case): its own array, shared with every principal holding it.
        return uncovered == 0 ? null
            : uncovered == action.Grants.Length ? new ActionExcess(action.Action, action.Grants)
            : Partly(action, limits, memo);
    }

    // Some grants covered, some not: the uncovered ones.
    private static ActionExcess Partly(ActionAccess action, ImmutableArray<ResourceGrant> limits, AccessMemo? memo) =>
        new(action.Action, [.. action.Grants.Where(g => !Covered(g, limits, memo))]);

    private static bool Covered(ResourceGrant grant, ImmutableArray<ResourceGrant> limits, AccessMemo? memo) =>
        memo is null ? Covered(grant, limits) : memo.Covered(grant, limits, static (g, l) => Covered(g, l));

    private static bool Covered(ResourceGrant grant, ImmutableArray<ResourceGrant> limits)
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
    private static bool HolesCovered(ResourceGrant grant, ResourceGrant limit, ImmutableArray<ResourceGrant> limits)
    {
        var holes = limit.Except.Where(e => !grant.Except.Any(x => x.Covers(e)) && !ResourceSets.Disjoint(e, grant.Pattern));
        var others = limits.Where(l => !ReferenceEquals(l, limit)).ToImmutableArray();
        return holes.All(hole => grant.Pattern.Covers(hole) && Covered(grant with { Pattern = hole }, others));
    }
}
