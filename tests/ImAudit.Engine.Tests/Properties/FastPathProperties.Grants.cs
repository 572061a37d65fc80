using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImAudit.Engine.Access;
using ImAudit.Engine.Matching;
using static ImAudit.Engine.Tests.Properties.AccessCases;

namespace ImAudit.Engine.Tests.Properties;

/// <summary>Grant normalisation, its memo, and the reach of grants over a fixed list of resources.</summary>
public partial class FastPathProperties
{
    private static readonly ResourcePattern[] Patterns = [.. Wide.Select(text => new ResourcePattern(text, variablesEnabled: true))];

    // Grants built from the patterns, a few sources, sometimes conditional, sometimes with exceptions.
    private static readonly Gen<ResourceGrant> Grants =
        from pattern in Gen.Elements(Patterns)
        from exceptCount in Gen.Elements(0, 0, 0, 1, 2)
        from except in Gen.Elements(Patterns).ArrayOf(exceptCount)
        from conditional in Gen.Elements(false, false, true)
        from source in Gen.Choose(0, 2)
        select new ResourceGrant(pattern, [.. except], conditional, [new GrantSource("p", source, null)]);

    // Concrete values for the one variable the patterns use (one per region of the plans), and none known.
    private static readonly ContextLookup?[] Users = [null, .. new[] { "A", "AB", "Ax", "B", "C" }.Select(u => (ContextLookup)(_ => [u]))];

    // Where grants reach a resource and on what footing, under one context.
    private static Footing ReachIn(IEnumerable<ResourceGrant> grants, string arn, ContextLookup? user) =>
        user is null ? Reach(grants, arn)
            : grants.Where(g => g.Pattern.Matches(arn, user) == Tristate.True && !g.Except.Any(e => e.Matches(arn, user) == Tristate.True))
                .Select(g => g.Conditional ? Footing.Conditional : Footing.Unconditional).DefaultIfEmpty(Footing.None).Max();

    // What normalisation must keep: every resource reached on the same footing (for every value of a variable), each
    // scope once with the sources of every grant of that scope, in pattern order, nothing that reaches nothing; and
    // normalising again changes nothing.
    [Property(MaxTest = 500)]
    public Property Normalisation_keeps_what_grants_reach_and_on_what_footing() =>
        Prop.ForAll(Gen.Choose(1, 8).SelectMany(n => Grants.ArrayOf(n)).ToArbitrary(), grants =>
        {
            var normalized = GrantNormalization.Normalize([.. grants]);
            var label = $"{Describe(grants)}\nnormalised: {Describe(normalized)}";
            // A variable pattern except itself reaches nothing, whatever the variable: only concrete values say so.
            var footings = Universe.All(arn => Users.All(user => (user is null && grants.Any(g => g.Pattern.HasVariables && g.Except.Any(e => e.Text == g.Pattern.Text)))
                || ReachIn(grants, arn, user) == ReachIn(normalized, arn, user)));
            var scopes = normalized.All(n => grants.Any(g => g.Key == n.Key)
                && n.Sources.SequenceEqual(grants.Where(g => g.Key == n.Key).SelectMany(g => g.Sources).Distinct()));
            var ordered = normalized.Zip(normalized.Skip(1)).All(p => string.CompareOrdinal(p.First.Pattern.Text, p.Second.Pattern.Text) switch
            {
                < 0 => true,
                0 => !p.First.Conditional || p.Second.Conditional,
                _ => false,
            });
            var distinct = normalized.Select(g => g.Key).Distinct().Count() == normalized.Length;
            var reaching = !normalized.Any(GrantNormalization.HasNoResource);
            var again = Describe(GrantNormalization.Normalize([.. normalized])) == Describe(normalized);
            return footings.Label($"footing: {label}")
                .And(scopes.Label($"scopes and sources: {label}"))
                .And(ordered.Label($"order: {label}"))
                .And(distinct.Label($"one grant per scope: {label}"))
                .And(reaching.Label($"reaches something: {label}"))
                .And(again.Label($"idempotent: {label}"));
        });

    // The memo hands out, for any list of the same grant objects in the same order, what normalising that list gives,
    // and the same array for every such list.
    [Property(MaxTest = 300)]
    public Property The_normalisation_memo_equals_normalising_each_list() =>
        Prop.ForAll(Grants.ArrayOf(6).ToArbitrary(), Gen.Choose(1, 4).SelectMany(n => Gen.Choose(0, 5).ArrayOf(n)).ArrayOf(8).ToArbitrary(), (pool, lists) =>
        {
            var memo = new AccessMemo();
            var seen = new Dictionary<string, System.Collections.Immutable.ImmutableArray<ResourceGrant>>();
            var scratch = new List<ResourceGrant>();
            foreach (var indexes in lists.Concat(lists.Reverse()))
            {
                // One list reused for every call, as the calculator does.
                scratch.Clear();
                scratch.AddRange(indexes.Select(i => pool[i]));
                var normalized = memo.Normalized(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scratch));
                var key = string.Join(",", indexes);
                if (Describe(normalized) != Describe(GrantNormalization.Normalize([.. indexes.Select(i => pool[i])])))
                    return false.Label($"list {key}: {Describe(normalized)}");
                if (seen.TryGetValue(key, out var earlier) && earlier != normalized)
                    return false.Label($"list {key}: another array for the same grants");
                seen[key] = normalized;
            }
            return true.ToProperty();
        });

    // Which resources each action's grants reach, asked of one reach shared by every principal (twice: the second
    // time from its memory), against matching each grant's patterns against each resource.
    [Property(MaxTest = 100)]
    public Property Resource_reach_equals_matching_each_grant_against_each_resource() =>
        Prop.ForAll(Cases(Actions, Wide, boundaries: true).ToArbitrary(), c =>
        {
            var documents = c.Parse();
            var memo = new AccessMemo();
            var reach = new ResourceReach(Universe);
            var actions = ScopeActions(Catalog, c.Services);
            var accesses = c.Holders.Select(h => AccessCalculator.Compute(Catalog, Set(h, documents), c.Services, memo)).ToList();
            foreach (var access in accesses.Concat(accesses))
            {
                foreach (var action in actions)
                {
                    var found = access.Find(action.FullName);
                    // As IMA504 asks too: the unconditional grants only, in an array of their own.
                    foreach (var asked in found is null ? [null] : new ActionAccess?[] { found, found with { Grants = [.. found.Grants.Where(g => !g.Conditional)] } })
                    {
                        var expected = Enumerable.Range(0, Universe.Length).Where(r => Reach(asked?.Grants ?? [], Universe[r]) != Footing.None);
                        var reached = reach.Reached(asked);
                        if (!expected.SequenceEqual(reached.Indexes()))
                            return false.Label($"{action.FullName} {Describe(asked?.Grants ?? [])}: expected [{string.Join(",", expected)}], reached [{string.Join(",", reached.Indexes())}]\n{c}");
                    }
                }
            }
            return true.ToProperty();
        });
}
