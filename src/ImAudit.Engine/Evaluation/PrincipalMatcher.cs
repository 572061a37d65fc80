using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Evaluation;

/// <summary>How a resource policy's <c>Principal</c> reaches the caller: the kinds differ in what else IAM requires.</summary>
internal enum PrincipalReach
{
    /// <summary>The statement does not name the caller.</summary>
    None,

    /// <summary>
    /// The statement names the caller itself (its user or session ARN), everyone (<c>*</c>), or its service: an allow
    /// needs nothing else in the same account, not even the permissions boundary.
    /// </summary>
    Caller,

    /// <summary>
    /// The statement names the role (or IAM user) a session belongs to: an allow holds for every session of it, within
    /// the permissions boundary.
    /// </summary>
    Identity,

    /// <summary>
    /// The statement names the caller's account: it delegates to the account, whose identity policies must allow the
    /// request too.
    /// </summary>
    Account,

    /// <summary>A <c>NotPrincipal</c> statement that does not list the caller (its whole chain), so it applies to it.</summary>
    NotListed,
}

/// <summary>
/// Matches <c>Principal</c> and <c>NotPrincipal</c> against the caller of a request (AWS JSON policy elements:
/// Principal and NotPrincipal; see docs/engine.md).
/// </summary>
internal static class PrincipalMatcher
{
    /// <summary>How <c>Principal</c> reaches the caller, and whether it certainly does (unknown caller: unknown).</summary>
    public static (PrincipalReach Reach, Tristate Matches) Match(PrincipalElement element, Caller? caller)
    {
        if (caller is null)
            return element.IsEveryone ? (PrincipalReach.Caller, Tristate.True) : (PrincipalReach.Caller, Tristate.Unknown);
        var best = (Reach: PrincipalReach.None, Matches: Tristate.False);
        foreach (var entry in element.Entries)
        {
            var (reach, matches) = Reach(entry, caller);
            if (matches == Tristate.False)
                continue;
            if (best.Matches == Tristate.False || Rank(reach) > Rank(best.Reach) || (reach == best.Reach && matches == Tristate.True))
                best = (reach, matches);
        }
        return best;
    }

    /// <summary>
    /// Whether a <c>NotPrincipal</c> statement applies to the caller. AWS may check the caller's account, then its role,
    /// then its session, so a caller is exempt only when every link of that chain is listed, and not exempt when
    /// nothing but its account is; in between the documentation does not settle it and the answer is unknown. A <c>Deny</c> with <c>NotPrincipal</c> always applies to an IAM principal that has a
    /// permissions boundary, whatever it lists.
    /// </summary>
    public static Tristate NotPrincipalApplies(PrincipalElement element, Caller? caller, Effect effect, bool callerHasBoundary)
    {
        if (caller is null)
            return element.IsEveryone ? Tristate.False : Tristate.Unknown;
        if (effect == Effect.Deny && callerHasBoundary && !caller.IsService)
            return Tristate.True;
        if (element.IsEveryone)
            return Tristate.False;
        var listed = Chain(caller).Select(link => TristateLogic.Any(element.Entries, e => link(e))).ToList();
        if (listed.TrueForAll(l => l == Tristate.True))
            return Tristate.False;
        // The caller's own identity (user, role or session; the service) is always checked: none of it listed, the deny applies.
        var own = caller.IsService || caller.Kind == CallerKind.AccountRoot ? listed : listed.Skip(1).ToList();
        return own.TrueForAll(l => l == Tristate.False) ? Tristate.True : Tristate.Unknown;
    }

    private static int Rank(PrincipalReach reach) => reach switch
    {
        PrincipalReach.Caller => 3,
        PrincipalReach.Identity => 2,
        PrincipalReach.Account => 1,
        _ => 0,
    };

    private static (PrincipalReach, Tristate) Reach(PrincipalEntry entry, Caller caller)
    {
        if (entry.IsWildcard)
            return entry.Type is "*" or "AWS" ? (PrincipalReach.Caller, Tristate.True) : (PrincipalReach.None, Tristate.False);
        if (entry.Type != "AWS")
            return string.Equals(entry.Value, caller.Arn, StringComparison.Ordinal) ? (PrincipalReach.Caller, Tristate.True) : (PrincipalReach.None, Tristate.False);
        if (Caller.Parse(entry.NormalizedValue) is not { } named || named.AccountId != caller.AccountId)
            return (PrincipalReach.None, Tristate.False);
        return (named.Kind, caller.Kind) switch
        {
            (CallerKind.AccountRoot, CallerKind.AccountRoot) => (PrincipalReach.Caller, Tristate.True),
            (CallerKind.AccountRoot, _) => (PrincipalReach.Account, Tristate.True),
            (CallerKind.Role, CallerKind.RoleSession) when named.RoleName == caller.RoleName => (PrincipalReach.Identity, Tristate.True),
            (CallerKind.Role, CallerKind.Role) when named.Arn == caller.Arn => (PrincipalReach.Identity, Tristate.True),
            // A caller given as a role ARN is some session of it: a statement naming one session may or may not be it.
            (CallerKind.RoleSession, CallerKind.Role) when named.RoleName == caller.RoleName => (PrincipalReach.Caller, Tristate.Unknown),
            (CallerKind.User, CallerKind.FederatedUser) when named.Arn == caller.PrincipalArn => (PrincipalReach.Identity, Tristate.True),
            _ when named.Arn == caller.Arn => (PrincipalReach.Caller, Tristate.True),
            _ => (PrincipalReach.None, Tristate.False),
        };
    }

    // The links AWS may check for a caller, each as "is this entry that link?".
    private static IEnumerable<Func<PrincipalEntry, Tristate>> Chain(Caller caller)
    {
        if (caller.IsService)
        {
            yield return e => TristateLogic.From(e.Type == "Service" && e.Value == caller.Arn);
            yield break;
        }
        yield return e => TristateLogic.From(e.Type == "AWS" && Caller.Parse(e.NormalizedValue) is { Kind: CallerKind.AccountRoot } root && root.AccountId == caller.AccountId);
        if (caller.Kind == CallerKind.AccountRoot)
            yield break;
        if (caller.Kind is CallerKind.Role or CallerKind.RoleSession)
        {
            yield return e => TristateLogic.From(Named(e) is { Kind: CallerKind.Role } role && role.AccountId == caller.AccountId
                && (caller.Kind == CallerKind.Role ? role.Arn == caller.Arn : role.RoleName == caller.RoleName));
            yield return e => Named(e) is { Kind: CallerKind.RoleSession } session && session.AccountId == caller.AccountId && session.RoleName == caller.RoleName
                ? caller.Kind == CallerKind.RoleSession ? TristateLogic.From(session.Arn == caller.Arn) : Tristate.Unknown
                : Tristate.False;
            yield break;
        }
        yield return e => TristateLogic.From(Named(e) is { } named && named.Arn == caller.Arn);
    }

    private static Caller? Named(PrincipalEntry entry) => entry.Type == "AWS" ? Caller.Parse(entry.NormalizedValue) : null;
}
