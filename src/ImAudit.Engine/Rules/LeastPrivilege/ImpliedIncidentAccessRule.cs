using ImAudit.Engine.Findings;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.LeastPrivilege;

/// <summary>
/// IMA306: access to a response plan implies access to every incident record created from it. In an organization
/// audit it also follows shares: a principal reaching another account's plans (IMA701) is told which incidents.
/// </summary>
internal sealed class ImpliedIncidentAccessRule : IAccountRule, IOrganizationRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.ImpliedIncidentAccess, "implied-incident-access",
        "Response-plan access implies access to its incidents", Severity.Info, "least privilege",
        "a principal can act on a response plan, and so on every incident record created from it; reported once per principal with the plans and incident actions")
    {
        Remediation = "Informational: check that each response plan listed is one the principal should handle, since it can act on every incident created from it; scope its response-plan and incident actions to the plans it owns.",
    };

    public IEnumerable<Finding> Run(AccountContext context)
    {
        var incidentActions = IncidentActions(context.Catalog);
        var plans = context.Inventory.ResponsePlans;
        var index = new Access.ResourceReach([.. plans.Select(p => p.Arn)]);
        // Principals holding the same grants reach the same plans through the same actions: each distinct reach once.
        var known = new Dictionary<ulong[], Reach?>(Access.BitSet.WordsComparer.Instance);
        foreach (var principal in context.Principals.Where(p => !p.Access.IsEmpty))
        {
            var byAction = incidentActions.Select(a => (Action: a, Plans: index.Reached(principal.Access.Find(a)))).ToList();
            var key = Access.BitSet.Words(byAction.Select(x => x.Plans));
            if (!known.TryGetValue(key, out var reach))
                known[key] = reach = Describe(byAction, plans);
            if (reach is null)
                continue;
            yield return Descriptor.Finding(Severity.Info,
                $"`{Inline(principal.Principal.Name)}` can act on every incident of {reach.Summary}",
                principal.Principal.Arn, null, reach.Details, reach.Key);
        }
    }

    /// <summary>The plans of other accounts each principal reaches through shares, with the incident actions it reaches them with.</summary>
    public IEnumerable<Finding> Run(OrganizationContext context)
    {
        if (context.Accounts.Count == 0)
            yield break;
        var incidentActions = IncidentActions(context.Accounts[0].Catalog);
        foreach (var group in context.Reach.Where(r => r.ResourceType == "response-plan").GroupBy(r => (r.PrincipalAccount, r.Principal.Principal.Arn)))
        {
            var reached = group.DistinctBy(r => r.ResourceArn).ToList();
            var plans = reached.Select(r => context.Account(r.ResourceAccount)!.Inventory.ResponsePlans.First(p => p.Arn == r.ResourceArn)).ToList();
            var byAction = incidentActions.Select(action =>
            {
                var bits = new Access.BitSet(plans.Count);
                for (var i = 0; i < plans.Count; i++)
                {
                    if (group.Any(r => r.ResourceArn == plans[i].Arn && r.Actions.Any(a => a.Action.FullName == action)))
                        bits.Add(i);
                }
                return (Action: action, Plans: (Access.ReadOnlyBitSet)bits);
            }).ToList();
            if (Describe(byAction, plans) is not { } reach)
                continue;
            var principal = group.First().Principal.Principal;
            yield return Descriptor.Finding(Severity.Info,
                $"`{Inline(principal.Name)}` of account {group.Key.PrincipalAccount} can act on every incident of {reach.Summary}, shared by {string.Join(", ", reached.Select(r => r.ResourceAccount).Distinct())}",
                principal.Arn, null, reach.Details, "across:" + reach.Key) with { AccountId = group.Key.PrincipalAccount };
        }
    }

    // Incident actions the reference authorizes against the response plan as well as the incident record.
    private static List<string> IncidentActions(Catalog.IamCatalog catalog) =>
        [.. catalog.IncidentManagerActions
            .Where(a => a.ResourceTypes.Any(r => r.Name == "incident-record") && a.ResourceTypes.Any(r => r.Name == "response-plan"))
            .Select(a => a.FullName)];

    private sealed record Reach(string Summary, MapDetail Details, string Key);

    private static Reach? Describe(List<(string Action, Access.ReadOnlyBitSet Plans)> byAction, IReadOnlyList<Inventory.ResponsePlan> plans)
    {
        var any = new Access.BitSet(plans.Count);
        byAction.ForEach(x => any.UnionWith(x.Plans));
        var reach = any.Indexes().Select(i => (Plan: plans[i], Actions: byAction.Where(x => x.Plans[i]).Select(x => x.Action).ToList())).ToList();
        if (reach.Count == 0)
            return null;
        var actions = reach.SelectMany(r => r.Actions).Distinct().Order(StringComparer.Ordinal).ToList();
        return new Reach(
            $"{Count(reach.Count, "response plan")} ({string.Join(", ", reach.Take(3).Select(r => $"`{r.Plan.Name}`"))}{(reach.Count > 3 ? ", …" : "")}) through {Count(actions.Count, "incident action")}",
            Detail.Map(("responsePlans", Detail.SharedList([.. reach.Select(r => r.Plan.Arn)])), ("incidentActions", Detail.List(actions))),
            Finding.ListKey(reach.Select(r => r.Plan.Arn)));
    }
}
