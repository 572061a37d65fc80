using System.Collections.Immutable;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Evaluation;

internal enum Decision
{
    Allowed,
    ImplicitDeny,
    ExplicitDeny,
}

/// <summary>Which role a policy plays in a request's evaluation.</summary>
internal enum PolicyRole
{
    Identity,
    PermissionsBoundary,
    Resource,
}

/// <summary>
/// A statement that applies to the request; <see cref="Conditional"/> when it applies only if unknown conditions hold.
/// For a resource-policy statement, <see cref="Reach"/> says how its <c>Principal</c> names the caller.
/// </summary>
internal sealed record MatchedStatement(string Policy, PolicyRole Role, int Statement, string? Sid, Effect Effect, bool Conditional, string Pointer,
    PrincipalReach Reach = PrincipalReach.None);

/// <summary>
/// The answer for one request. <see cref="Conditional"/> means the decision depends on context the request did
/// not give: "allowed" then reads "allowed when the conditions hold". <see cref="DecidedBy"/> names the policies
/// whose answer decided (for a cross-account request that is allowed, both sides), and <see cref="Reason"/> says why
/// in one line.
/// </summary>
internal sealed record SimulationResult(Decision Decision, bool Conditional, ImmutableArray<MatchedStatement> MatchedStatements)
{
    public bool CrossAccount { get; init; }

    public ImmutableArray<PolicyRole> DecidedBy { get; init; } = [];

    public string Reason { get; init; } = "";
}

/// <summary>
/// The policies in force for one request: the caller's identity policies and permissions boundary (of the caller's
/// account), and the resource policy (of the resource's account).
/// </summary>
internal sealed record PolicySet(
    IReadOnlyList<PolicyDocument> Identity,
    IReadOnlyList<PolicyDocument>? PermissionsBoundary = null,
    PolicyDocument? ResourcePolicy = null);

/// <summary>
/// IAM's evaluation logic (docs/engine.md, "Evaluation"). An explicit deny in any policy wins. Within one account
/// the request is allowed when an identity policy allows it within the permissions boundary, or when the resource
/// policy names the caller itself (or everyone), or names the caller's role within the boundary; a resource policy
/// naming the account only delegates to the account's identity policies. Across accounts both sides must allow: the
/// caller's identity policies within its boundary, and the resource policy naming the caller, its role or its account.
/// </summary>
internal static class Simulator
{
    public static SimulationResult Simulate(PolicySet policies, RequestContext request)
    {
        var caller = Caller.Parse(request.PrincipalArn);
        var resourceAccount = ResourceAccount(request.Resource);
        var crossAccount = caller?.AccountId is { } callerAccount && resourceAccount is not null && callerAccount != resourceAccount;
        var hasBoundary = policies.PermissionsBoundary is not null;
        var matched = ImmutableArray.CreateBuilder<MatchedStatement>();

        // A service principal has no identity policies: only the resource policy speaks for it.
        var identityPolicies = caller is { IsService: true } ? [] : policies.Identity;
        var identity = Side.Of(identityPolicies, PolicyRole.Identity, request, matched);
        var boundary = hasBoundary ? Side.Of(policies.PermissionsBoundary!, PolicyRole.PermissionsBoundary, request, matched) : Side.Allowing;
        var resource = ResourceSide.Of(policies.ResourcePolicy, request, caller, hasBoundary, matched);

        var identityAllows = identity.Allow.And(boundary.Allow);
        var allow = crossAccount
            ? identityAllows.And(resource.Caller.Or(resource.Identity).Or(resource.Account))
            : identityAllows.Or(resource.Caller).Or(resource.Identity.And(boundary.Allow));
        var deny = identity.Deny.Or(boundary.Deny).Or(resource.Deny);

        var statements = matched.ToImmutable();
        var why = new Explanation(crossAccount, caller, resourceAccount, hasBoundary, policies.ResourcePolicy is not null, identity, boundary, resource);
        if (deny == Tristate.True)
        {
            var denies = statements.Where(s => s.Effect == Effect.Deny && !s.Conditional).ToImmutableArray();
            return new SimulationResult(Decision.ExplicitDeny, false, denies) with
            {
                CrossAccount = crossAccount,
                DecidedBy = [.. denies.Select(s => s.Role).Distinct().Order()],
                Reason = Explanation.Denied(denies),
            };
        }
        if (allow == Tristate.False)
            return new SimulationResult(Decision.ImplicitDeny, false, statements) with { CrossAccount = crossAccount, DecidedBy = why.Missing(), Reason = why.NotAllowed() };
        var (decidedBy, reason) = why.Allowed();
        return new SimulationResult(Decision.Allowed, allow == Tristate.Unknown || deny == Tristate.Unknown, statements) with
        {
            CrossAccount = crossAccount,
            DecidedBy = decidedBy,
            Reason = reason,
        };
    }

    /// <summary>The account a resource ARN names, or null (<c>*</c>, an S3-style ARN without one, not an ARN).</summary>
    internal static string? ResourceAccount(string resource) =>
        Arn.Parse(resource) is { HasAccountId: true } arn ? arn.Account : null;

    /// <summary>What one kind of policy (identity or boundary) says: does it allow, does it deny.</summary>
    internal sealed record Side(Tristate Allow, Tristate Deny)
    {
        public static readonly Side Allowing = new(Tristate.True, Tristate.False);

        public static Side Of(IEnumerable<PolicyDocument> documents, PolicyRole role, RequestContext request, ImmutableArray<MatchedStatement>.Builder matched)
        {
            var (allow, deny) = (Tristate.False, Tristate.False);
            foreach (var document in documents)
            {
                foreach (var statement in document.Statements)
                {
                    var applies = StatementMatcher.Applies(statement, request, document.VariablesEnabled);
                    if (applies == Tristate.False)
                        continue;
                    matched.Add(new MatchedStatement(document.Name, role, statement.Index, statement.Sid, statement.Effect,
                        applies == Tristate.Unknown, statement.Location.Pointer));
                    if (statement.Effect == Effect.Deny)
                        deny = deny.Or(applies);
                    else
                        allow = allow.Or(applies);
                }
            }
            return new Side(allow, deny);
        }
    }

    /// <summary>What the resource policy says, by how its allows reach the caller.</summary>
    internal sealed record ResourceSide(Tristate Caller, Tristate Identity, Tristate Account, Tristate Deny)
    {
        private static readonly ResourceSide None = new(Tristate.False, Tristate.False, Tristate.False, Tristate.False);

        public static ResourceSide Of(PolicyDocument? document, RequestContext request, Caller? caller, bool hasBoundary,
            ImmutableArray<MatchedStatement>.Builder matched)
        {
            if (document is null)
                return None;
            var side = None;
            foreach (var statement in document.Statements)
            {
                var applies = StatementMatcher.Applies(statement, request, document.VariablesEnabled);
                if (applies == Tristate.False)
                    continue;
                var (reach, principal) = statement.Principal switch
                {
                    null => (PrincipalReach.Caller, Tristate.Unknown),
                    { IsNot: true } not => (PrincipalReach.NotListed, PrincipalMatcher.NotPrincipalApplies(not, caller, statement.Effect, hasBoundary)),
                    var named => PrincipalMatcher.Match(named, caller),
                };
                applies = applies.And(principal);
                if (applies == Tristate.False)
                    continue;
                matched.Add(new MatchedStatement(document.Name, PolicyRole.Resource, statement.Index, statement.Sid, statement.Effect,
                    applies == Tristate.Unknown, statement.Location.Pointer, reach));
                side = statement.Effect == Effect.Deny ? side with { Deny = side.Deny.Or(applies) }
                    : reach switch
                    {
                        PrincipalReach.Caller or PrincipalReach.NotListed => side with { Caller = side.Caller.Or(applies) },
                        PrincipalReach.Identity => side with { Identity = side.Identity.Or(applies) },
                        _ => side with { Account = side.Account.Or(applies) },
                    };
            }
            return side;
        }
    }
}
