using ImAudit.Engine.Access;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Policies;
using ImAudit.Engine.Principals;

namespace ImAudit.Engine.Rules.ServiceRoles;

/// <summary>
/// What a role can do that a principal cannot (IMA504), for one audit. Each role's access is computed once,
/// over the services its Allow statements name. A principal is then checked against each role in two steps:
/// actions the principal is allowed on every resource, unconditionally and with no deny in the way, are
/// covered whatever the role holds, and actions no Allow statement of the principal names are not (bit-set
/// tests); only the role's remaining actions are compared exactly.
/// </summary>
internal sealed class RoleGains
{
    private readonly AccountContext _context;
    private readonly Dictionary<string, RoleAccess> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<PolicyDocument, (BitSet Everywhere, BitSet Denied, BitSet Named)> _documents = new(ReferenceEqualityComparer.Instance);
    private readonly AccessScope _scope;
    private readonly Dictionary<ActionInfo, int> _index;

    public RoleGains(AccountContext context, IEnumerable<PrincipalPolicies> roles)
    {
        _context = context;
        var accesses = roles.Select(r => (Role: r, Everything: Everything(r), Access: AccessOf(r))).ToList();
        // Every action any runbook role can do: the universe the bit sets index.
        _scope = AccessScope.OfActions(accesses.SelectMany(r => r.Access.Actions.Select(a => a.Action)));
        _index = _scope.Actions.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i);
        foreach (var (role, everything, access) in accesses)
            _roles[role.Arn] = new RoleAccess(everything, access, Bits(access.Actions.Select(a => a.Action)));
    }

    private enum Footing { Conditional, Unconditional }

    private sealed record RoleAccess(Footing? Everything, EffectiveAccess Access, BitSet Actions);

    /// <summary>The first role (in the given order) that can do something the principal cannot, and those actions.</summary>
    public (PrincipalPolicies? Role, List<string> Actions) First(IEnumerable<PrincipalPolicies> passable, PrincipalPolicies principal)
    {
        var everything = Everything(principal);
        var covered = Everywhere(principal);
        var named = Named(principal);
        foreach (var role in passable)
        {
            var access = _roles[role.Arn];
            // A role that can do `*` gains everything unless the principal can too, on at least the same footing.
            if (access.Everything is { } footing && (everything is null || (footing == Footing.Unconditional && everything == Footing.Conditional)))
                return (role, ["*"]);
            if (access.Actions.IsSubsetOf(covered))
                continue;
            var open = access.Actions.Except(covered);
            // Actions no Allow statement of the principal names are gained outright; the rest compared exactly.
            var gained = open.Except(named).Indexes().Select(i => _scope.Actions[i]).ToList();
            var doubtful = open.Indexes().Where(i => named[i]).Select(i => _scope.Actions[i]).ToHashSet();
            if (doubtful.Count > 0)
            {
                var theirs = access.Access with { Actions = [.. access.Access.Actions.Where(a => doubtful.Contains(a.Action))] };
                // Principals holding the same policies meet the same doubtful actions: remembered like any scope.
                var mine = AccessCalculator.Compute(AccessScope.OfActions(doubtful), new PolicySet(principal.Identity, principal.Boundary), _context.Memo);
                gained.AddRange(AccessComparer.Compare(theirs, mine, principal.Name).Excess.Select(e => e.Action));
            }
            if (gained.Count > 0)
                return (role, [.. gained.Select(a => a.FullName).Order(StringComparer.Ordinal)]);
        }
        return (null, []);
    }

    // The role's access over the services its Allow statements name, `*` aside (NotAction grants are judged
    // elsewhere). A role allowed `*` unconditionally needs no more: only a principal allowed `*` keeps up with it.
    private EffectiveAccess AccessOf(PrincipalPolicies role)
    {
        var services = Everything(role) == Footing.Unconditional
            ? []
            : role.Identity.SelectMany(d => d.Statements).Where(s => s.Effect == Effect.Allow && !s.Actions.IsNot)
                .SelectMany(s => s.Actions.Entries).Where(e => !e.Pattern.IsEverything)
                .SelectMany(e => _context.Catalog.ExpandCached(e.Pattern)).Select(a => a.Service).Distinct().ToList();
        return services.Count == 0
            ? new EffectiveAccess([], [])
            : AccessCalculator.Compute(_context.Catalog, new PolicySet(role.Identity, role.Boundary), services, _context.Memo);
    }

    private BitSet Bits(IEnumerable<ActionInfo> actions)
    {
        var bits = new BitSet(_scope.Actions.Count);
        foreach (var action in actions)
        {
            if (_index.TryGetValue(action, out var i))
                bits.Add(i);
        }
        return bits;
    }

    // The scope's actions the principal is allowed on every resource, unconditionally, with no unconditional
    // deny on the action at all (a deny on some resources sends the action to the exact comparison).
    private BitSet Everywhere(PrincipalPolicies principal)
    {
        BitSet Of(IEnumerable<PolicyDocument> allow, IEnumerable<PolicyDocument> deny)
        {
            var bits = new BitSet(_scope.Actions.Count);
            foreach (var document in allow)
                bits.UnionWith(Document(document).Everywhere);
            foreach (var document in deny)
                bits.ExceptWith(Document(document).Denied);
            return bits;
        }
        var boundary = principal.Boundary ?? [];
        var result = Of(principal.Identity, principal.Identity.Concat(boundary));
        if (principal.Boundary is not null)
            result.IntersectWith(Of(boundary, boundary));
        return result;
    }

    // The scope's actions some Allow statement of the principal's identity policies names, on any terms.
    private BitSet Named(PrincipalPolicies principal)
    {
        var bits = new BitSet(_scope.Actions.Count);
        foreach (var document in principal.Identity)
            bits.UnionWith(Document(document).Named);
        return bits;
    }

    private (BitSet Everywhere, BitSet Denied, BitSet Named) Document(PolicyDocument document)
    {
        lock (_documents)
        {
            if (_documents.TryGetValue(document, out var known))
                return known;
        }
        BitSet Union(Func<Statement, bool> which)
        {
            var bits = new BitSet(_scope.Actions.Count);
            foreach (var statement in document.Statements.Where(which))
                bits.UnionWith(_scope.CoveredIndexes(statement.Actions));
            return bits;
        }
        var everywhere = Union(s => s.Effect == Effect.Allow && !s.IsConditional && (s.Resources is null || (!s.Resources.IsNot && s.Resources.Entries.Any(r => r.Pattern.IsEverything))));
        var denied = Union(s => s.Effect == Effect.Deny && !s.IsConditional);
        var named = Union(s => s.Effect == Effect.Allow);
        lock (_documents)
            _documents.TryAdd(document, (everywhere, denied, named));
        return (everywhere, denied, named);
    }

    // Allowed `*` on every resource: unconditionally, only under conditions, or not at all.
    private static Footing? Everything(PrincipalPolicies principal)
    {
        var statements = principal.Identity.SelectMany(d => d.Statements).Where(s => s.Effect == Effect.Allow
            && s.Actions is { IsNot: false } a && a.Entries.Any(e => e.Pattern.IsEverything)
            && (s.Resources is null || (!s.Resources.IsNot && s.Resources.Entries.Any(r => r.Pattern.IsEverything)))).ToList();
        return statements.Count == 0 ? null : statements.Any(s => !s.IsConditional) ? Footing.Unconditional : Footing.Conditional;
    }
}
