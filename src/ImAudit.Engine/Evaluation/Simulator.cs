using System.Collections.Immutable;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Evaluation;

public enum Decision
{
    Allowed,
    ImplicitDeny,
    ExplicitDeny,
}

/// <summary>Which role a policy plays in a request's evaluation.</summary>
public enum PolicyRole
{
    Identity,
    PermissionsBoundary,
    Resource,
}

/// <summary>A statement that applies to the request; <see cref="Conditional"/> when it applies only if unknown conditions hold.</summary>
public sealed record MatchedStatement(string Policy, PolicyRole Role, int Statement, string? Sid, Effect Effect, bool Conditional, string Pointer);

/// <summary>
/// The answer for one request. <see cref="Conditional"/> means the decision depends on context the request did
/// not give: "allowed" then reads "allowed when the conditions hold".
/// </summary>
public sealed record SimulationResult(Decision Decision, bool Conditional, ImmutableArray<MatchedStatement> MatchedStatements);

/// <summary>The policies in force for one principal.</summary>
public sealed record PolicySet(
    IReadOnlyList<PolicyDocument> Identity,
    IReadOnlyList<PolicyDocument>? PermissionsBoundary = null,
    PolicyDocument? ResourcePolicy = null);

/// <summary>
/// IAM's evaluation logic for one account: an explicit deny anywhere wins; otherwise the request is allowed when
/// an identity policy allows it (and the permissions boundary, when there is one, allows it too) or the resource
/// policy allows it; otherwise it is implicitly denied.
/// </summary>
internal static class Simulator
{
    public static SimulationResult Simulate(PolicySet policies, RequestContext request)
    {
        var matched = ImmutableArray.CreateBuilder<MatchedStatement>();
        var deny = Tristate.False;

        Tristate AllowsIn(IEnumerable<PolicyDocument> documents, PolicyRole role)
        {
            var allow = Tristate.False;
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
            return allow;
        }

        var identity = AllowsIn(policies.Identity, PolicyRole.Identity);
        var boundary = policies.PermissionsBoundary is { } b ? AllowsIn(b, PolicyRole.PermissionsBoundary) : Tristate.True;
        var resource = policies.ResourcePolicy is { } r ? AllowsIn([r], PolicyRole.Resource) : Tristate.False;
        var allow = identity.And(boundary).Or(resource);

        var statements = matched.ToImmutable();
        if (deny == Tristate.True)
            return new SimulationResult(Decision.ExplicitDeny, false, [.. statements.Where(s => s.Effect == Effect.Deny && !s.Conditional)]);
        if (allow == Tristate.False)
            return new SimulationResult(Decision.ImplicitDeny, false, statements);
        return new SimulationResult(Decision.Allowed, allow == Tristate.Unknown || deny == Tristate.Unknown, statements);
    }
}
