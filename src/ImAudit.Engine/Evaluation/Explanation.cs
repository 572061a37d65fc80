using System.Collections.Immutable;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Evaluation;

/// <summary>Which side of a request decided it, in one line (what <c>simulate</c> prints under the decision).</summary>
internal sealed record Explanation(
    bool CrossAccount, Caller? Caller, string? ResourceAccount, bool HasBoundary, bool HasResourcePolicy,
    Simulator.Side Identity, Simulator.Side Boundary, Simulator.ResourceSide Resource)
{
    private string Who => Caller?.AccountId is { } account ? $"account {account}" : "the caller's account";

    private string Owner => ResourceAccount is { } account ? $"account {account}" : "the resource's account";

    private bool IdentityMay => Identity.Allow != Tristate.False;

    private bool BoundaryMay => Boundary.Allow != Tristate.False;

    public static string Denied(ImmutableArray<MatchedStatement> denies)
    {
        var sides = denies.Select(s => s.Role).Distinct().Order().Select(Name);
        return $"an explicit deny in the {string.Join(" and the ", sides)} wins over every allow";
    }

    /// <summary>The sides whose allow made the decision, and the line that says so.</summary>
    public (ImmutableArray<PolicyRole> Sides, string Reason) Allowed()
    {
        var within = HasBoundary ? " within the permissions boundary" : "";
        ImmutableArray<PolicyRole> identity = HasBoundary ? [PolicyRole.Identity, PolicyRole.PermissionsBoundary] : [PolicyRole.Identity];
        if (CrossAccount)
            return ([.. identity, PolicyRole.Resource],
                $"cross-account: both halves allow it, an identity policy of {Who}{within} and the resource policy of {Owner} ({ResourceReach()})");
        if (Resource.Caller != Tristate.False)
            return ([PolicyRole.Resource], "the resource policy names the caller itself (or everyone): no identity policy is needed in the same account");
        if (Resource.Identity != Tristate.False && BoundaryMay && !(IdentityMay && BoundaryMay))
            return (HasBoundary ? [PolicyRole.Resource, PolicyRole.PermissionsBoundary] : [PolicyRole.Resource],
                $"the resource policy names the caller's role (or user){(HasBoundary ? ", and the permissions boundary allows it" : "")}");
        return (identity, $"an identity policy allows it{within}");
    }

    /// <summary>The sides that did not allow an implicitly denied request.</summary>
    public ImmutableArray<PolicyRole> Missing()
    {
        var missing = ImmutableArray.CreateBuilder<PolicyRole>();
        if (!IdentityMay && (CrossAccount || Resource.Identity == Tristate.False))
            missing.Add(PolicyRole.Identity);
        if (HasBoundary && !BoundaryMay)
            missing.Add(PolicyRole.PermissionsBoundary);
        if (CrossAccount || Resource.Caller != Tristate.False || HasResourcePolicy)
        {
            if (CrossAccount ? !ResourceMay : Resource.Caller == Tristate.False && Resource.Identity == Tristate.False)
                missing.Add(PolicyRole.Resource);
        }
        return missing.ToImmutable();
    }

    public string NotAllowed()
    {
        if (CrossAccount)
        {
            var resource = !HasResourcePolicy ? $"no resource policy of {Owner} was given"
                : ResourceMay ? $"the resource policy of {Owner} allows it" : $"the resource policy of {Owner} names neither the caller, its role nor {Who}";
            var identity = !IdentityMay ? $"no identity policy of {Who} allows it"
                : !BoundaryMay ? "the caller's permissions boundary does not allow it" : $"an identity policy of {Who} allows it";
            return $"cross-account: both halves must allow it; {identity}, {resource}";
        }
        if (IdentityMay && !BoundaryMay)
            return "an identity policy allows it, but the permissions boundary does not";
        if (Resource.Identity != Tristate.False && !BoundaryMay)
            return "the resource policy names the caller's role, but the permissions boundary does not allow it";
        if (Resource.Account != Tristate.False)
            return $"the resource policy names {Who}, which only delegates to the account's IAM: no identity policy allows it";
        return "no policy allows it";
    }

    private bool ResourceMay => Resource.Caller != Tristate.False || Resource.Identity != Tristate.False || Resource.Account != Tristate.False;

    private string ResourceReach() =>
        Resource.Caller != Tristate.False ? "naming the caller or everyone"
        : Resource.Identity != Tristate.False ? "naming the caller's role or user"
        : $"naming {Who}";

    internal static string Name(PolicyRole role) => role switch
    {
        PolicyRole.Identity => "identity policy",
        PolicyRole.PermissionsBoundary => "permissions boundary",
        _ => "resource policy",
    };
}
