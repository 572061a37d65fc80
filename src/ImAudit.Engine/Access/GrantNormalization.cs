using System.Collections.Immutable;

namespace ImAudit.Engine.Access;

/// <summary>
/// One action's grants in their simplest form: grants that reach nothing dropped, grants of the same scope merged
/// (their sources together), grants another grant makes redundant removed, the rest ordered by pattern.
/// </summary>
internal static class GrantNormalization
{
    public static ImmutableArray<ResourceGrant> Normalize(ReadOnlySpan<ResourceGrant> grants)
    {
        // Most actions have one grant: nothing to merge or subsume.
        if (grants.Length == 1)
            return HasNoResource(grants[0]) ? [] : [grants[0]];
        var merged = new List<ResourceGrant>(grants.Length);
        foreach (var grant in grants)
        {
            if (HasNoResource(grant))
                continue;
            var same = IndexOfSameScope(merged, grant);
            if (same < 0)
                merged.Add(grant);
            else if (!merged[same].Sources.SequenceEqual(grant.Sources))
                merged[same] = merged[same] with { Sources = Union(merged[same].Sources, grant.Sources) };
        }
        if (merged.Count <= 1)
            return [.. merged];
        // An unconditional grant on every resource makes every other grant redundant.
        foreach (var grant in merged)
        {
            if (!grant.Conditional && grant.Except.IsEmpty && grant.Pattern.IsEverything)
                return [grant];
        }
        var kept = new List<ResourceGrant>(merged.Count);
        foreach (var grant in merged)
        {
            if (!merged.Exists(other => !ReferenceEquals(other, grant) && Subsumes(other, grant)))
                InsertInOrder(kept, grant);
        }
        return [.. kept];
    }

    // A NotResource grant whose exceptions cover its pattern reaches nothing.
    public static bool HasNoResource(ResourceGrant grant)
    {
        foreach (var except in grant.Except)
        {
            if (except.Covers(grant.Pattern))
                return true;
        }
        return false;
    }

    private static int IndexOfSameScope(List<ResourceGrant> grants, ResourceGrant grant)
    {
        for (var i = 0; i < grants.Count; i++)
        {
            if (SameScope(grants[i], grant))
                return i;
        }
        return -1;
    }

    private static ImmutableArray<GrantSource> Union(ImmutableArray<GrantSource> first, ImmutableArray<GrantSource> second)
    {
        var sources = ImmutableArray.CreateBuilder<GrantSource>(first.Length + second.Length);
        foreach (var source in first.Concat(second))
        {
            if (!sources.Contains(source))
                sources.Add(source);
        }
        return sources.DrainToImmutable();
    }

    // Ordered by pattern, unconditional first; equal keys keep their order (a stable insertion: lists are short).
    private static void InsertInOrder(List<ResourceGrant> grants, ResourceGrant grant)
    {
        var at = grants.Count;
        while (at > 0 && Before(grant, grants[at - 1]))
            at--;
        grants.Insert(at, grant);
    }

    private static bool Before(ResourceGrant a, ResourceGrant b)
    {
        var order = string.CompareOrdinal(a.Pattern.Text, b.Pattern.Text);
        return order < 0 || (order == 0 && !a.Conditional && b.Conditional);
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
