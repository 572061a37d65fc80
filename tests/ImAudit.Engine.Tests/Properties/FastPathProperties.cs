using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImAudit.Engine.Access;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Evaluation;
using static ImAudit.Engine.Tests.Properties.AccessCases;

namespace ImAudit.Engine.Tests.Properties;

/// <summary>
/// Every fast path of the access calculation against the exact computation it replaces, and that computation
/// against brute force, on random policies: memos, the allows-only merge, access to some actions only.
/// </summary>
public partial class FastPathProperties
{
    private static readonly IamCatalog Catalog = IamCatalog.Default;

    private static string? FirstDifference(string what, string expected, string actual) =>
        expected == actual ? null : $"{what}:\nexpected\n{expected}\nactual\n{actual}";

    private static Property Holds(string? difference, Case c) => (difference is null).Label($"{difference}\n{c}");

    // Principals sharing documents in one memo (computed twice, in opposite orders: the second round reads the
    // memo's answers) get what each gets alone, with a memo of its own or none.
    [Property(MaxTest = 150)]
    public Property Memoised_access_equals_the_computation_without_a_memo() =>
        Prop.ForAll(Cases(Actions, Wide, boundaries: true).ToArbitrary(), c =>
        {
            var documents = c.Parse();
            var shared = new AccessMemo();
            var order = Enumerable.Range(0, c.Holders.Length).ToList();
            var first = order.ToDictionary(i => i, i => Describe(AccessCalculator.Compute(Catalog, Set(c.Holders[i], documents), c.Services, shared)));
            order.Reverse();
            var difference = order.Select(i =>
            {
                var policies = Set(c.Holders[i], documents);
                var exact = Describe(AccessCalculator.Compute(Catalog, policies, c.Services));
                return FirstDifference($"holder {i}, shared memo", exact, first[i])
                    ?? FirstDifference($"holder {i}, shared memo again", exact, Describe(AccessCalculator.Compute(Catalog, policies, c.Services, shared)))
                    ?? FirstDifference($"holder {i}, memo of its own", exact, Describe(AccessCalculator.Compute(Catalog, policies, c.Services, new AccessMemo())));
            }).FirstOrDefault(d => d is not null);
            return Holds(difference, c);
        });

    // The allows-only merge (and its reuse of what one document alone grants) against the general path, which a deny
    // of an action outside the scope forces without changing any access.
    [Property(MaxTest = 150)]
    public Property The_allows_only_merge_equals_the_general_path() =>
        Prop.ForAll(Cases(Actions, Wide, boundaries: false).ToArbitrary(), c =>
        {
            var documents = c.Parse();
            var noOp = Policy.Identity("noop", NoOpDeny);
            var memo = new AccessMemo();
            var difference = c.Holders.Select((holder, i) =>
            {
                var policies = Set(holder, documents);
                var general = Describe(AccessCalculator.Compute(Catalog, policies with { Identity = [.. policies.Identity, noOp] }, c.Services));
                return FirstDifference($"holder {i} without a memo", general, Describe(AccessCalculator.Compute(Catalog, policies, c.Services)))
                    ?? FirstDifference($"holder {i} with a memo", general, Describe(AccessCalculator.Compute(Catalog, policies, c.Services, memo)));
            }).FirstOrDefault(d => d is not null);
            return Holds(difference, c);
        });

    // Brute force over resources standing for every region the chain's patterns cut ARNs into: with or without a
    // memo, each action reaches each resource exactly as IAM's statement-by-statement reading says.
    [Property(MaxTest = 100)]
    public Property Access_agrees_with_brute_force_on_every_action_and_resource() =>
        Prop.ForAll(Cases(Actions, Chain, boundaries: false).ToArbitrary(), c =>
        {
            var documents = c.Parse();
            var memo = new AccessMemo();
            var actions = ScopeActions(Catalog, c.Services);
            var difference = c.Holders.Select((holder, i) =>
            {
                var policies = Set(holder, documents);
                return Disagreement(policies, actions, AccessCalculator.Compute(Catalog, policies, c.Services), exact: true)
                    ?? Disagreement(policies, actions, AccessCalculator.Compute(Catalog, policies, c.Services, memo), exact: true);
            }).FirstOrDefault(d => d is not null);
            return Holds(difference, c);
        });

    // With permissions boundaries, brute force bounds the access from above on every action and resource.
    [Property(MaxTest = 100)]
    public Property Within_a_boundary_access_never_exceeds_brute_force() =>
        Prop.ForAll(Cases(Actions, Chain, boundaries: true).ToArbitrary(), c =>
        {
            var documents = c.Parse();
            var memo = new AccessMemo();
            var actions = ScopeActions(Catalog, c.Services);
            var difference = c.Holders.Select(holder =>
            {
                var policies = Set(holder, documents);
                return Disagreement(policies, actions, AccessCalculator.Compute(Catalog, policies, c.Services), exact: policies.PermissionsBoundary is null)
                    ?? Disagreement(policies, actions, AccessCalculator.Compute(Catalog, policies, c.Services, memo), exact: policies.PermissionsBoundary is null);
            }).FirstOrDefault(d => d is not null);
            return Holds(difference, c);
        });

    // Where brute force and the access disagree: the action set, the conditional flag, each resource's footing. Not
    // exact: the access may reach less, never more (a permissions boundary drops what it cannot intersect exactly).
    private static string? Disagreement(PolicySet policies, IReadOnlyList<ActionInfo> actions, EffectiveAccess access, bool exact)
    {
        var brute = BruteForce(policies, actions);
        for (var a = 0; a < actions.Count; a++)
        {
            var found = access.Find(actions[a].FullName);
            var grants = found?.Grants ?? [];
            var reached = Enumerable.Range(0, Universe.Length).Select(r => brute[a, r]).ToList();
            if (exact && (found is not null) != reached.Any(f => f != Footing.None))
                return $"{actions[a].FullName}: brute force {(found is null ? "allows" : "refuses")} it, access holds {Describe(grants)}";
            if (exact && found is not null && found.IsConditional != !reached.Contains(Footing.Unconditional))
                return $"{actions[a].FullName}: conditional {found.IsConditional} in access {Describe(grants)}";
            for (var r = 0; r < Universe.Length; r++)
            {
                var computed = Reach(grants, Universe[r]);
                if (exact ? computed != reached[r] : computed > reached[r])
                    return $"{actions[a].FullName} on {Universe[r]}: brute force {reached[r]}, access {computed} ({Describe(grants)})";
            }
        }
        return null;
    }

    // Some actions of a scope (random indexes) get what the whole computation gives them.
    [Property(MaxTest = 150)]
    public Property Access_to_some_actions_equals_the_whole_access_restricted_to_them() =>
        Prop.ForAll(Cases(Actions, Wide, boundaries: true).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(1, 4).ToArbitrary(), (c, seed, sparseness) =>
        {
            var documents = c.Parse();
            var memo = new AccessMemo();
            var scope = c.Services is null ? memo.IncidentManagerScope(Catalog) : memo.Scope(Catalog, c.Services);
            var random = new Random(seed);
            var difference = c.Holders.Select((holder, i) =>
            {
                var only = new BitSet(scope.Actions.Count);
                for (var a = 0; a < scope.Actions.Count; a++)
                {
                    if (random.Next(sparseness) == 0)
                        only.Add(a);
                }
                var policies = Set(holder, documents);
                var whole = AccessCalculator.Compute(scope, policies, null);
                var expected = Describe(whole with { Actions = [.. whole.Actions.Where(x => only[scope.IndexOf(x.Action)])] });
                return FirstDifference($"holder {i}, actions {string.Join(",", only.Indexes())}", expected, Describe(AccessCalculator.ComputeOnly(scope, policies, only, memo)));
            }).FirstOrDefault(d => d is not null);
            return Holds(difference, c);
        });
}
