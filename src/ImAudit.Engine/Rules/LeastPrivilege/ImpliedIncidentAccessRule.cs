using ImAudit.Engine.Findings;
using static ImAudit.Engine.Policies.MessageText;

namespace ImAudit.Engine.Rules.LeastPrivilege;

/// <summary>IMA306: access to a response plan implies access to every incident record created from it.</summary>
internal sealed class ImpliedIncidentAccessRule : IAccountRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.ImpliedIncidentAccess, "implied-incident-access",
        "Response-plan access implies access to its incidents", Severity.Info, "least privilege",
        "a principal can act on a response plan, and so on every incident record created from it; reported once per principal with the plans and incident actions");

    public IEnumerable<Finding> Run(AccountContext context)
    {
        // Incident actions the reference authorizes against the response plan as well as the incident record.
        var incidentActions = context.Catalog.IncidentManagerActions
            .Where(a => a.ResourceTypes.Any(r => r.Name == "incident-record") && a.ResourceTypes.Any(r => r.Name == "response-plan"))
            .Select(a => a.FullName).ToList();
        foreach (var principal in context.Principals.Where(p => !p.Access.IsEmpty))
        {
            var reach = context.Inventory.ResponsePlans
                .Select(plan => (Plan: plan, Actions: incidentActions.Where(a => principal.Access.GrantsOn(a, plan.Arn).Any()).ToList()))
                .Where(x => x.Actions.Count > 0)
                .ToList();
            if (reach.Count == 0)
                continue;
            var actions = reach.SelectMany(r => r.Actions).Distinct().Order(StringComparer.Ordinal).ToList();
            yield return Descriptor.Finding(Severity.Info,
                $"`{Inline(principal.Principal.Name)}` can act on every incident of {Count(reach.Count, "response plan")} ({string.Join(", ", reach.Take(3).Select(r => $"`{r.Plan.Name}`"))}{(reach.Count > 3 ? ", …" : "")}) through {Count(actions.Count, "incident action")}",
                principal.Principal.Arn, null,
                Detail.Map(("responsePlans", Detail.List(reach.Select(r => r.Plan.Arn))), ("incidentActions", Detail.List(actions))),
                string.Join(",", reach.Select(r => r.Plan.Arn)));
        }
    }
}
