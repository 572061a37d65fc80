using ImAudit.Engine.Access;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Principals;
using static ImAudit.Engine.Policies.MessageText;

namespace ImAudit.Engine.Rules.ServiceRoles;

/// <summary>
/// IMA504: a principal can pass a role Incident Manager trusts, can create or update a response plan, and can
/// start incidents: it can run automation with that role's permissions. High when the role can do something
/// the principal cannot, medium otherwise.
/// </summary>
internal sealed class PassRoleEscalationRule : IAccountRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.PassRoleEscalation, "passrole-escalation",
        "Principal can run automation as an Incident Manager role", Severity.High, "service roles and escalation",
        "a principal can iam:PassRole a role trusted by ssm-incidents.amazonaws.com, CreateResponsePlan or UpdateResponsePlan, and StartIncident; high when the role can do something the principal cannot");

    public IEnumerable<Finding> Run(AccountContext context)
    {
        var runbookRoles = context.Principals
            .Where(p => p.Principal.Kind == PrincipalKind.Role && !p.Principal.Path.StartsWith("/aws-service-role/", StringComparison.Ordinal)
                && RunbookTrust.IncidentManagerStatements(p.Principal.TrustPolicy).Any())
            .ToList();
        if (runbookRoles.Count == 0)
            yield break;
        foreach (var principal in context.Principals)
        {
            var access = principal.Access;
            var canPlan = access.Find("ssm-incidents:CreateResponsePlan") is not null || access.Find("ssm-incidents:UpdateResponsePlan") is not null;
            if (!canPlan || access.Find("ssm-incidents:StartIncident") is null)
                continue;
            var policies = new PolicySet(principal.Principal.Identity, principal.Principal.Boundary);
            foreach (var role in runbookRoles.Where(r => r.Principal.Arn != principal.Principal.Arn))
            {
                var pass = Simulator.Simulate(policies, new RequestContext("iam:PassRole", role.Principal.Arn));
                if (pass.Decision != Decision.Allowed)
                    continue;
                var gained = Gained(context, role.Principal, principal.Principal);
                yield return AccountContext.Create(Descriptor, gained.Count > 0 ? Severity.High : Severity.Medium,
                    $"`{Inline(principal.Principal.Name)}` can pass `{Inline(role.Principal.Name)}` to a response plan it creates or updates and start an incident: its runbook runs with that role's permissions" +
                    (gained.Count > 0 ? $", including {Count(gained.Count, "action")} it lacks (e.g. `{gained[0]}`)" : ""),
                    principal.Principal.Arn, null,
                    Detail.Map(("role", role.Principal.Arn), ("conditional", pass.Conditional), ("gainedActions", Detail.List(gained.Take(50)))),
                    role.Principal.Arn);
            }
        }
    }

    // What the role may do that the principal may not, over the services the role's policies name.
    private static List<string> Gained(AccountContext context, PrincipalPolicies role, PrincipalPolicies principal)
    {
        var services = role.Identity.SelectMany(d => d.Statements).SelectMany(s => s.Actions.Entries)
            .SelectMany(e => context.Catalog.ExpandCached(e.Pattern)).Select(a => a.Service).Distinct().ToList();
        var roleAccess = AccessCalculator.Compute(context.Catalog, new PolicySet(role.Identity, role.Boundary), services, context.Memo);
        var principalAccess = AccessCalculator.Compute(context.Catalog, new PolicySet(principal.Identity, principal.Boundary), services, context.Memo);
        return AccessComparer.Compare(roleAccess, principalAccess, principal.Name).Excess.Select(e => e.Action.FullName).ToList();
    }
}
