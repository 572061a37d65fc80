using ImAudit.Engine.Access;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Principals;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.ServiceRoles;

/// <summary>
/// IMA504: a principal can pass a role Incident Manager trusts, can create or update a response plan, and can
/// start incidents: it can run automation with that role's permissions. High when the role can do something
/// the principal cannot, medium otherwise.
/// </summary>
internal sealed class PassRoleEscalationRule : IAccountRule
{
    private const string PassRole = "iam:PassRole";

    public RuleDescriptor Descriptor { get; } = new(RuleIds.PassRoleEscalation, "passrole-escalation",
        "Principal can run automation as an Incident Manager role", Severity.High, "service roles and escalation",
        "a principal can iam:PassRole a role trusted by ssm-incidents.amazonaws.com, CreateResponsePlan or UpdateResponsePlan, and StartIncident; high when the role can do something the principal cannot")
    {
        Remediation = "Scope `iam:PassRole` to the roles the principal should pass (with an `iam:PassedToService` condition), or take `ssm-incidents:CreateResponsePlan` and `ssm-incidents:UpdateResponsePlan` away from principals who are not administrators.",
    };

    public IEnumerable<Finding> Run(AccountContext context)
    {
        var runbookRoles = context.Principals
            .Where(p => p.Principal.Kind == PrincipalKind.Role && !p.Principal.Path.StartsWith("/aws-service-role/", StringComparison.Ordinal)
                && RunbookTrust.IncidentManagerStatements(p.Principal.TrustPolicy).Any())
            .Select(p => p.Principal)
            .ToList();
        if (runbookRoles.Count == 0 || context.Catalog.FindAction(PassRole) is not { } passRole)
            yield break;
        var passScope = AccessScope.OfActions([passRole]);
        var reach = new ResourceReach([.. runbookRoles.Select(r => r.Arn)]);
        var gains = new RoleGains(context.Catalog, context.Memo.Access, runbookRoles);
        var passables = new Dictionary<string, Passable>(StringComparer.Ordinal);
        // One thread: the account rules already run side by side (RuleRegistry.CheckAccount), one level of parallelism.
        foreach (var principal in context.Principals)
        {
            if (Judge(principal, context, runbookRoles, passScope, reach, gains, passables) is { } finding)
                yield return finding;
        }
    }

    // The roles one set of reached indexes names, with what every finding about them shares: principals holding
    // the same PassRole grants reach the same roles.
    private sealed record Passable(List<PrincipalPolicies> Roles, Detail Arns, string Key);

    private Finding? Judge(PrincipalAccess principal, AccountContext context, List<PrincipalPolicies> runbookRoles, AccessScope passScope, ResourceReach reach, RoleGains gains,
        Dictionary<string, Passable> passables)
    {
        var access = principal.Access;
        var canPlan = access.Find("ssm-incidents:CreateResponsePlan") is not null || access.Find("ssm-incidents:UpdateResponsePlan") is not null;
        if (!canPlan || access.Find("ssm-incidents:StartIncident") is null || !MayPassRoles(principal.Principal))
            return null;
        var grants = AccessCalculator.Compute(passScope, new PolicySet(principal.Principal.Identity, principal.Principal.Boundary), context.Memo.Access).Find(PassRole);
        var reached = reach.Reached(grants);
        var self = runbookRoles.FindIndex(r => r.Arn == principal.Principal.Arn);
        if (self >= 0 && reached[self])
            reached = reached.Without(self);
        if (reached.IsEmpty)
            return null;
        var setKey = reached.Key();
        if (!passables.TryGetValue(setKey, out var known))
        {
            var roles = reached.Indexes().Select(i => runbookRoles[i]).ToList();
            passables[setKey] = known = new Passable(roles, Detail.SharedList([.. roles.Select(r => r.Arn)]), Finding.ListKey(roles.Select(r => r.Arn)));
        }
        var (passable, arns, key) = known;
        // Conditional when some role is reached only by conditional grants.
        var conditional = grants!.Grants.Any(g => g.Conditional)
            && !reached.IsSubsetOf(reach.Reached(grants with { Grants = [.. grants.Grants.Where(g => !g.Conditional)] }));
        var (gainedVia, gained) = gains.First(passable, principal.Principal);
        var names = passable.Take(3).Select(r => $"`{Inline(r.Name)}`");
        return Descriptor.Finding(gained.Count > 0 ? Severity.High : Severity.Medium,
            $"`{Inline(principal.Principal.Name)}` can pass {Count(passable.Count, "runbook role")} ({string.Join(", ", names)}{(passable.Count > 3 ? ", …" : "")}) to a response plan it creates or updates and start an incident: its runbook runs with that role's permissions" +
            (gained.Count > 0 ? $"; `{Inline(gainedVia!.Name)}` can do {Count(gained.Count, "action")} it lacks (e.g. `{gained[0]}`)" : ""),
            principal.Principal.Arn, null,
            Detail.Map(
                ("roles", arns),
                ("conditional", conditional),
                ("gainedVia", gainedVia?.Arn ?? ""),
                ("gainedActions", Detail.List(gained.Take(50)))),
            key);
    }

    // Cheap pre-check before computing PassRole access: some Allow statement names iam:PassRole.
    private static bool MayPassRoles(PrincipalPolicies principal) =>
        principal.Identity.SelectMany(d => d.Statements).Any(s => s.Effect == Policies.Effect.Allow && StatementMatcher.MatchesAction(s.Actions, PassRole));
}
