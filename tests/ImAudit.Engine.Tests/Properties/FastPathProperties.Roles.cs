using ImAudit.Engine.Catalog;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImAudit.Engine.Access;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;
using ImAudit.Engine.Principals;
using ImAudit.Engine.Rules;
using static ImAudit.Engine.Tests.Properties.AccessCases;

namespace ImAudit.Engine.Tests.Properties;

/// <summary>IMA504's role gains (bit sets first, exact comparison for the rest) against the exact comparison alone.</summary>
public partial class FastPathProperties
{
    // The first holders are runbook roles; every holder, roles included, is asked what the roles gain over it, of one
    // RoleGains (its per-document bit sets shared by all).
    [Property(MaxTest = 100)]
    public Property Role_gains_equal_the_exact_comparison() =>
        Prop.ForAll(Cases(RoleActions, Wide, boundaries: true, holders: 4).ToArbitrary(), Gen.Choose(1, 3).ToArbitrary(), (c, roleCount) =>
        {
            var documents = c.Parse();
            var holders = c.Holders.Select((h, i) => new PrincipalPolicies($"arn:aws:iam::111122223333:role/h{i}", $"h{i}", PrincipalKind.Role, "/",
                [.. h.Identity.Select(d => documents[d])], h.Boundary is null ? null : [.. h.Boundary.Select(d => documents[d])], [], [], null, [])).ToList();
            var roles = holders.Take(roleCount).ToList();
            var gains = new RoleGains(Catalog, new AccessMemo(), roles);
            var exact = new Dictionary<string, EffectiveAccess>(StringComparer.Ordinal);
            foreach (var principal in holders)
            {
                var (role, actions) = gains.First(roles, principal);
                var (exactRole, exactActions) = ExactGains(roles, principal, exact);
                if (role?.Arn != exactRole || !actions.SequenceEqual(exactActions))
                    return false.Label($"{principal.Name}: gains {role?.Name} [{string.Join(",", actions)}], exactly {exactRole} [{string.Join(",", exactActions)}]\n{c}");
            }
            return true.ToProperty();
        });

    // What RoleGains.First stands for: a role allowed `*` on every resource gains everything unless the principal is
    // too, on the same footing; otherwise the role's access over the services its Allow statements name (`*` aside),
    // compared exactly with the principal's.
    private static (string? Role, List<string> Actions) ExactGains(List<PrincipalPolicies> roles, PrincipalPolicies principal, Dictionary<string, EffectiveAccess> known)
    {
        var mine = Everything(principal);
        foreach (var role in roles)
        {
            var theirs = Everything(role);
            if (theirs != Footing.None && (mine == Footing.None || (theirs == Footing.Unconditional && mine == Footing.Conditional)))
                return (role.Arn, ["*"]);
            List<string> services = theirs == Footing.Unconditional ? [] : [.. role.Identity.SelectMany(d => d.Statements)
                .Where(s => s.Effect == Effect.Allow && !s.Actions.IsNot).SelectMany(s => s.Actions.Entries).Where(e => !e.Pattern.IsEverything)
                .SelectMany(e => Catalog.Expand(e.Pattern)).Select(a => a.Service).Distinct()];
            if (services.Count == 0)
                continue;
            // Each role's own access once per case: the reference is slow enough as it is.
            if (!known.TryGetValue(role.Arn, out var roleAccess))
                known[role.Arn] = roleAccess = AccessCalculator.Compute(Catalog, new PolicySet(role.Identity, role.Boundary), services);
            var principalAccess = AccessCalculator.Compute(Catalog, new PolicySet(principal.Identity, principal.Boundary), services);
            var gained = AccessComparer.Compare(roleAccess, principalAccess, principal.Name).Excess.Select(e => e.Action.FullName).Order(StringComparer.Ordinal).ToList();
            if (gained.Count > 0)
                return (role.Arn, gained);
        }
        return (null, []);
    }

    // Allowed `*` on every resource: unconditionally, only under conditions, or not at all.
    private static Footing Everything(PrincipalPolicies principal) =>
        principal.Identity.SelectMany(d => d.Statements)
            .Where(s => s.Effect == Effect.Allow && !s.Actions.IsNot && s.Actions.Entries.Any(e => e.Pattern.IsEverything)
                && (s.Resources is null || (!s.Resources.IsNot && s.Resources.Entries.Any(r => r.Pattern.IsEverything))))
            .Select(s => s.IsConditional ? Footing.Conditional : Footing.Unconditional).DefaultIfEmpty(Footing.None).Max();
}
