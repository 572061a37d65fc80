using ImAudit.Engine.Catalog;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Policies;
using ImAudit.Engine.Principals;

namespace ImAudit.Engine.Access;

/// <summary>
/// What a role can do that a principal cannot (IMA504 asks), for one audit: access computation over the audit's
/// <see cref="AccessMemo"/>, which the rule calls. Each role's access is computed once,
/// over the services its Allow statements name. A principal is then checked against each role in two steps:
/// actions the principal is allowed on every resource, unconditionally and with no deny in the way, are
/// covered whatever the role holds; actions no Allow statement of the principal names, or names only under
/// conditions where the role needs none, are not (bit-set tests); only the remaining actions are compared exactly.
/// One per rule run, used by one thread.
/// </summary>
internal sealed class RoleGains
{
    private readonly IamCatalog _catalog;
    private readonly AccessMemo _memo;
    private readonly Dictionary<string, RoleAccess> _roles = new(StringComparer.Ordinal);
    // By document identity: principals hold the audit's DocumentCache instances (one per name, kind and text); a
    // document met under another instance is only read again.
    private readonly Dictionary<PolicyDocument, (ReadOnlyBitSet Everywhere, ReadOnlyBitSet Denied, ReadOnlyBitSet Named, ReadOnlyBitSet NamedFirm)> _documents = new(ReferenceEqualityComparer.Instance);
    private readonly AccessScope _scope;

    public RoleGains(IamCatalog catalog, AccessMemo memo, IEnumerable<PrincipalPolicies> roles)
    {
        _catalog = catalog;
        _memo = memo;
        var named = roles.Select(r => (Role: r, Everything: Everything(r), Services: ServicesOf(r))).ToList();
        // Every service some runbook role names: the universe the bit sets index.
        _scope = memo.Scope(catalog, [.. named.SelectMany(r => r.Services).Distinct(StringComparer.Ordinal)]);
        foreach (var (role, everything, services) in named)
        {
            var (actions, firm) = Bits(new PolicySet(role.Identity, role.Boundary), services);
            _roles[role.Arn] = new RoleAccess(everything, new PolicySet(role.Identity, role.Boundary), actions, firm);
        }
    }

    private enum Footing { Conditional, Unconditional }

    // Actions: every action the role can do; Firm: those it can do without conditions somewhere. Its exact access
    // to some of them is computed when a principal's comparison needs it.
    private sealed record RoleAccess(Footing? Everything, PolicySet Policies, ReadOnlyBitSet Actions, ReadOnlyBitSet Firm);

    // The services the role's Allow statements name, `*` aside (NotAction grants are judged elsewhere). A role
    // allowed `*` unconditionally needs none: only a principal allowed `*` keeps up with it.
    private List<string> ServicesOf(PrincipalPolicies role) =>
        Everything(role) == Footing.Unconditional
            ? []
            : role.Identity.SelectMany(d => d.Statements).Where(s => s.Effect == Effect.Allow && !s.Actions.IsNot)
                .SelectMany(s => s.Actions.Entries).Where(e => !e.Pattern.IsEverything)
                .SelectMany(e => _catalog.ExpandCached(e.Pattern)).Select(a => a.Service).Distinct().ToList();

    // What the role can do over its services, and what of it without conditions. With allows only, straight from
    // its statements: an action is held when a statement grants it some resource, firmly when one does so without
    // conditions (only an unconditional grant makes another unconditional one redundant). With denies or a
    // boundary, from the exact computation.
    private (ReadOnlyBitSet Actions, ReadOnlyBitSet Firm) Bits(PolicySet policies, List<string> services)
    {
        var only = new BitSet(_scope.Actions.Count);
        for (var i = 0; i < _scope.Actions.Count; i++)
        {
            if (services.Contains(_scope.Actions[i].Service))
                only.Add(i);
        }
        var actions = new BitSet(_scope.Actions.Count);
        var firm = new BitSet(_scope.Actions.Count);
        if (only.IsEmpty)
            return (actions, firm);
        var documents = policies.Identity.Select(d => _memo.Of(_scope, d)).ToList();
        if (policies.PermissionsBoundary is null && documents.TrueForAll(d => d.Denied.IsEmpty))
        {
            foreach (var (covered, grants) in documents.SelectMany(d => d.Allows))
            {
                var reaching = grants.Where(g => !GrantNormalization.HasNoResource(g)).ToList();
                if (reaching.Count > 0)
                    actions.UnionWith(covered);
                if (reaching.Exists(g => !g.Conditional))
                    firm.UnionWith(covered);
            }
            actions.IntersectWith(only);
            firm.IntersectWith(only);
            return (actions, firm);
        }
        var exact = AccessCalculator.ComputeOnly(_scope, policies, only, _memo);
        foreach (var action in exact.Actions)
        {
            var index = _scope.IndexOf(action.Action);
            actions.Add(index);
            if (!action.IsConditional)
                firm.Add(index);
        }
        return (actions, firm);
    }

    /// <summary>The first role (in the given order) that can do something the principal cannot, and those actions.</summary>
    public (PrincipalPolicies? Role, List<string> Actions) First(IEnumerable<PrincipalPolicies> passable, PrincipalPolicies principal)
    {
        var everything = Everything(principal);
        var covered = Everywhere(principal);
        var named = Named(principal, firm: false);
        var namedFirm = Named(principal, firm: true);
        foreach (var role in passable)
        {
            var access = _roles[role.Arn];
            // A role that can do `*` gains everything unless the principal can too, on at least the same footing.
            if (access.Everything is { } footing && (everything is null || (footing == Footing.Unconditional && everything == Footing.Conditional)))
                return (role, ["*"]);
            if (access.Actions.IsSubsetOf(covered))
                continue;
            var open = access.Actions.Except(covered);
            // Gained outright: actions no Allow statement of the principal names, and actions the role holds without
            // conditions that the principal holds only under conditions (a conditional grant never covers an
            // unconditional one). The rest is compared exactly.
            var sure = open.Except(named);
            var firmOnly = open.Except(namedFirm);
            firmOnly.IntersectWith(access.Firm);
            sure.UnionWith(firmOnly);
            var gained = sure.Indexes().Select(i => _scope.Actions[i]).ToList();
            var doubtfulBits = open.Except(sure);
            if (!doubtfulBits.IsEmpty)
            {
                // Only the doubtful actions of both accesses, over the shared scope (documents read once for all).
                var theirs = AccessCalculator.ComputeOnly(_scope, access.Policies, doubtfulBits, _memo);
                var mine = AccessCalculator.ComputeOnly(_scope, new PolicySet(principal.Identity, principal.Boundary), doubtfulBits, _memo);
                gained.AddRange(AccessComparer.Compare(theirs, mine, principal.Name).Excess.Select(e => e.Action));
            }
            if (gained.Count > 0)
                return (role, [.. gained.Select(a => a.FullName).Order(StringComparer.Ordinal)]);
        }
        return (null, []);
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

    // The scope's actions some Allow statement of the principal's identity policies names (firm: one without conditions).
    private BitSet Named(PrincipalPolicies principal, bool firm)
    {
        var bits = new BitSet(_scope.Actions.Count);
        foreach (var document in principal.Identity)
            bits.UnionWith(firm ? Document(document).NamedFirm : Document(document).Named);
        return bits;
    }

    private (ReadOnlyBitSet Everywhere, ReadOnlyBitSet Denied, ReadOnlyBitSet Named, ReadOnlyBitSet NamedFirm) Document(PolicyDocument document)
    {
        if (_documents.TryGetValue(document, out var known))
            return known;
        var (everywhere, denied, named, namedFirm) = (Empty(), Empty(), Empty(), Empty());
        foreach (var statement in document.Statements)
        {
            // Each statement's actions once, into the sets it belongs to.
            var covered = _scope.CoveredIndexes(statement.Actions);
            if (statement.Effect == Effect.Deny)
            {
                if (!statement.IsConditional)
                    denied.UnionWith(covered);
                continue;
            }
            named.UnionWith(covered);
            if (statement.IsConditional)
                continue;
            namedFirm.UnionWith(covered);
            if (statement.Resources is null || (!statement.Resources.IsNot && statement.Resources.Entries.Any(r => r.Pattern.IsEverything)))
                everywhere.UnionWith(covered);
        }
        _documents[document] = (everywhere, denied, named, namedFirm);
        return (everywhere, denied, named, namedFirm);
    }

    private BitSet Empty() => new(_scope.Actions.Count);

    // Allowed `*` on every resource: unconditionally, only under conditions, or not at all.
    private static Footing? Everything(PrincipalPolicies principal)
    {
        var statements = principal.Identity.SelectMany(d => d.Statements).Where(s => s.Effect == Effect.Allow
            && s.Actions is { IsNot: false } a && a.Entries.Any(e => e.Pattern.IsEverything)
            && (s.Resources is null || (!s.Resources.IsNot && s.Resources.Entries.Any(r => r.Pattern.IsEverything)))).ToList();
        return statements.Count == 0 ? null : statements.Any(s => !s.IsConditional) ? Footing.Unconditional : Footing.Conditional;
    }
}
