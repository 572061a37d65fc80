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
            if (!canPlan || access.Find("ssm-incidents:StartIncident") is null || !MayPassRoles(principal.Principal))
                continue;
            var policies = new PolicySet(principal.Principal.Identity, principal.Principal.Boundary);
            var passable = runbookRoles
                .Where(r => r.Principal.Arn != principal.Principal.Arn)
                .Select(r => (Role: r, Pass: Simulator.Simulate(policies, new RequestContext("iam:PassRole", r.Principal.Arn))))
                .Where(x => x.Pass.Decision == Decision.Allowed)
                .ToList();
            if (passable.Count == 0)
                continue;
            // One role the principal gains by is enough to make it high; the search stops there.
            var (gainedVia, gained) = passable.Select(x => (x.Role, Gained: Gained(context, x.Role.Principal, principal.Principal)))
                .FirstOrDefault(x => x.Gained.Count > 0);
            var names = passable.Select(x => $"`{Inline(x.Role.Principal.Name)}`").ToList();
            yield return Descriptor.Finding(gained is { Count: > 0 } ? Severity.High : Severity.Medium,
                $"`{Inline(principal.Principal.Name)}` can pass {Count(passable.Count, "runbook role")} ({string.Join(", ", names.Take(3))}{(names.Count > 3 ? ", …" : "")}) to a response plan it creates or updates and start an incident: its runbook runs with that role's permissions" +
                (gained is { Count: > 0 } ? $"; `{Inline(gainedVia!.Principal.Name)}` can do {Count(gained.Count, "action")} it lacks (e.g. `{gained[0]}`)" : ""),
                principal.Principal.Arn, null,
                Detail.Map(
                    ("roles", Detail.List(passable.Select(x => x.Role.Principal.Arn))),
                    ("conditional", passable.Any(x => x.Pass.Conditional)),
                    ("gainedVia", gainedVia?.Principal.Arn ?? ""),
                    ("gainedActions", Detail.List((gained ?? []).Take(50)))),
                string.Join(",", passable.Select(x => x.Role.Principal.Arn)));
        }
    }

    // Cheap pre-check before simulating PassRole per role: some Allow statement names iam:PassRole.
    private static bool MayPassRoles(PrincipalPolicies principal) =>
        principal.Identity.SelectMany(d => d.Statements).Any(s => s.Effect == Policies.Effect.Allow && StatementMatcher.MatchesAction(s.Actions, "iam:PassRole"));

    // What the role may do that the principal may not, over the services the role's policies name. A role that
    // can do `*` gains everything unless the principal can do `*` as well: no need to expand 22,000 actions.
    private static List<string> Gained(AccountContext context, PrincipalPolicies role, PrincipalPolicies principal)
    {
        if (CanDoEverything(role))
            return CanDoEverything(principal) ? [] : ["*"];
        var services = role.Identity.SelectMany(d => d.Statements).Where(s => s.Effect == Policies.Effect.Allow && !s.Actions.IsNot)
            .SelectMany(s => s.Actions.Entries).SelectMany(e => context.Catalog.ExpandCached(e.Pattern)).Select(a => a.Service).Distinct().ToList();
        if (services.Count == 0)
            return [];
        var roleAccess = AccessCalculator.Compute(context.Catalog, new PolicySet(role.Identity, role.Boundary), services, context.Memo);
        var principalAccess = AccessCalculator.Compute(context.Catalog, new PolicySet(principal.Identity, principal.Boundary), services, context.Memo);
        return [.. AccessComparer.Compare(roleAccess, principalAccess, principal.Name).Excess.Select(e => e.Action.FullName)];
    }

    private static bool CanDoEverything(PrincipalPolicies principal) =>
        principal.Identity.SelectMany(d => d.Statements).Any(s => s.Effect == Policies.Effect.Allow && !s.IsConditional
            && s.Actions is { IsNot: false } a && a.Entries.Any(e => e.Pattern.IsEverything)
            && (s.Resources is null || (!s.Resources.IsNot && s.Resources.Entries.Any(r => r.Pattern.IsEverything))));
}
