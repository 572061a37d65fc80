using System.Collections.Immutable;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Policies;
using ImAudit.Engine.Rules.Sharing;

namespace ImAudit.Engine.Rules.CrossAccount;

/// <summary>
/// Who reaches what across accounts, exactly: for each resource policy of account A and each principal P of
/// another account B, each action of the resource's type is evaluated by the simulator with P's identity policies,
/// P's permissions boundary and the resource policy, P as the caller (a role ARN stands for its sessions).
/// The effective access computed by each account's audit is the cheap prefilter: an action P's own policies do
/// not grant on the resource, or a policy whose grants cannot name P, is never simulated.
/// </summary>
internal static class ReachCalculator
{
    public static IReadOnlyList<CrossAccountReach> Compute(OrganizationContext context)
    {
        // Each account's principals with Incident Manager access, as callers, and the organization id they carry:
        // once, not once per share.
        var accounts = context.Accounts.Select(a => new Candidates(a.Inventory.AccountId, context.Organization.OrgIdOf(a.Inventory.AccountId),
            [.. a.Principals.Where(p => !p.Access.IsEmpty).Select(p => (p, Caller.Parse(p.Principal.Arn)))])).ToList();
        var reach = new List<CrossAccountReach>();
        foreach (var share in context.Shares)
        {
            var targets = Targets(context.Accounts[0].Catalog, share.Resource);
            var grants = share.Grants.ToList();
            var named = NamedAccounts(grants);
            foreach (var account in accounts.Where(a => a.AccountId != share.OwnerAccount))
            {
                var visitAll = named is null || named.Contains(account.AccountId);
                foreach (var (principal, caller) in account.Principals)
                {
                    // A caller that parses is matched only by entries naming its account (or everyone); one that does
                    // not parse is unknown to every grant, so it is never skipped here.
                    if ((!visitAll && caller is not null) || !grants.Any(s => PrincipalMatcher.Match(s.Principal!, caller).Matches != Matching.Tristate.False))
                        continue;
                    var actions = targets.Where(t => principal.Access.GrantsOn(t.Action.FullName, t.Arn).Any())
                        .Select(t => Evaluate(principal, share.Document, t.Action, t.Arn, account.AccountId, account.OrgId))
                        .OfType<ReachedAction>().ToImmutableArray();
                    if (!actions.IsEmpty)
                        reach.Add(new CrossAccountReach(principal, account.AccountId, share.Resource.Arn, share.Resource.Type, share.OwnerAccount, share.Document.Name, actions));
                }
            }
        }
        return reach;
    }

    private sealed record Candidates(string AccountId, string? OrgId, IReadOnlyList<(PrincipalAccess Principal, Caller? Caller)> Principals);

    /// <summary>
    /// The accounts whose principals (that parse as callers) the statements' <c>Principal</c> entries can match, or
    /// null for any account: <see cref="PrincipalMatcher"/> matches an AWS entry only when it names the caller's
    /// account, any other entry only when it is the caller's ARN, and <c>*</c> (or AWS <c>*</c>) everyone.
    /// </summary>
    internal static HashSet<string>? NamedAccounts(IEnumerable<Statement> grants)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in grants.SelectMany(s => s.Principal!.Entries))
        {
            if (entry.IsWildcard)
            {
                if (entry.Type is "*" or "AWS")
                    return null;
                continue;
            }
            if (Caller.Parse(entry.Type == "AWS" ? entry.NormalizedValue : entry.Value)?.AccountId is { } account)
                named.Add(account);
        }
        return named;
    }

    private static ReachedAction? Evaluate(PrincipalAccess principal, PolicyDocument resourcePolicy, ActionInfo action, string target, string account, string? orgId)
    {
        var p = principal.Principal;
        List<KeyValuePair<string, string>> values = [new("aws:PrincipalAccount", account), new("aws:PrincipalArn", p.Arn)];
        if (orgId is not null)
            values.Add(new("aws:PrincipalOrgID", orgId));
        var result = Simulator.Simulate(new PolicySet(p.Identity, p.Boundary is { } b ? b : null, resourcePolicy),
            new RequestContext(action.FullName, target, values, principalArn: p.Arn));
        // Across accounts the evaluator allows only when both halves do; the Allow statements of each side are what
        // the finding names, and a reach with none on one side is not one.
        var identity = result.MatchedStatements.Where(s => s.Role == PolicyRole.Identity && s.Effect == Effect.Allow).ToImmutableArray();
        var resource = result.MatchedStatements.Where(s => s.Role == PolicyRole.Resource && s.Effect == Effect.Allow).ToImmutableArray();
        // Likewise conditional: when every Allow of one half holds only under conditions, so does the reach.
        return result.Decision == Decision.Allowed && !identity.IsEmpty && !resource.IsEmpty
            ? new ReachedAction(action, target, result.Conditional || identity.All(s => s.Conditional) || resource.All(s => s.Conditional), identity, resource)
            : null;
    }

    /// <summary>
    /// The actions of a shared resource's type, each with the ARN it is evaluated against: the plan or contact
    /// itself when the action works on it, else a stand-in for any of its incident records, engagements or pages
    /// (<c>…/Name/*</c>, which only a grant covering all of them matches).
    /// </summary>
    internal static List<(ActionInfo Action, string Arn)> Targets(IamCatalog catalog, SharedResource resource)
    {
        var arn = Arn.Parse(resource.Arn)!.Value; // a SharedResource's ARN always parses
        string Child(string type) => (arn with { Resource = $"{type}/{resource.Name}/*" }).ToString();
        var (own, service, children) = resource.Kind;
        var targets = new List<(ActionInfo, string)>();
        foreach (var action in catalog.FindService(service)?.Actions ?? [])
        {
            if (action.ResourceTypes.Any(r => r.Name == own))
                targets.Add((action, resource.Arn));
            else if (action.ResourceTypes.FirstOrDefault(r => children.Contains(r.Name)) is { } child)
                targets.Add((action, Child(child.Name)));
        }
        return targets;
    }
}
