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
        var reach = new List<CrossAccountReach>();
        foreach (var share in context.Shares)
        {
            var targets = Targets(context.Accounts[0].Catalog, share.Resource);
            var grants = share.Grants.ToList();
            foreach (var account in context.Accounts.Where(a => a.Inventory.AccountId != share.OwnerAccount))
            {
                var accountId = account.Inventory.AccountId;
                var orgId = context.Organization.OrgIdOf(accountId);
                foreach (var principal in account.Principals.Where(p => !p.Access.IsEmpty))
                {
                    var arn = principal.Principal.Arn;
                    var caller = Caller.Parse(arn);
                    if (!grants.Any(s => PrincipalMatcher.Match(s.Principal!, caller).Matches != Matching.Tristate.False))
                        continue;
                    var actions = targets.Where(t => principal.Access.GrantsOn(t.Action.FullName, t.Arn).Any())
                        .Select(t => Evaluate(principal, share.Document, t.Action, t.Arn, accountId, orgId))
                        .OfType<ReachedAction>().ToImmutableArray();
                    if (!actions.IsEmpty)
                        reach.Add(new CrossAccountReach(principal, accountId, share.Resource.Arn, share.Resource.Type, share.OwnerAccount, share.Document.Name, actions));
                }
            }
        }
        return reach;
    }

    private static ReachedAction? Evaluate(PrincipalAccess principal, PolicyDocument resourcePolicy, ActionInfo action, string target, string account, string? orgId)
    {
        var p = principal.Principal;
        List<KeyValuePair<string, string>> values = [new("aws:PrincipalAccount", account), new("aws:PrincipalArn", p.Arn)];
        if (orgId is not null)
            values.Add(new("aws:PrincipalOrgID", orgId));
        var result = PolicyEngine.Simulate(new PolicySet(p.Identity, p.Boundary is { } b ? b : null, resourcePolicy),
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
        var parts = resource.Arn.Split(':', 6);
        string Child(string type) => $"{parts[0]}:{parts[1]}:{parts[2]}:{parts[3]}:{parts[4]}:{type}/{resource.Name}/*";
        var (service, own, children) = resource.Type == "response-plan"
            ? ("ssm-incidents", "response-plan", new[] { "incident-record" })
            : ("ssm-contacts", "contact", new[] { "engagement", "page" });
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
