using ImAudit.Engine.Access;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.ServiceRoles;

/// <summary>IMA503: a runbook role can do <c>*</c>, has AdministratorAccess, or can write IAM.</summary>
internal sealed class RunbookRoleOverprivilegedRule : IAccountRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.RunbookRoleOverprivileged, "runbook-role-overprivileged",
        "Runbook role is overprivileged", Severity.High, "service roles and escalation",
        "the runbook role can do `*`, has AdministratorAccess, or can write IAM: anyone who can start an incident runs automation with it")
    {
        Remediation = "Give the runbook role only what its automation documents do (their actions on the resources they touch): remove `*`, `AdministratorAccess` and IAM write permissions from it.",
    };

    public IEnumerable<Finding> Run(AccountContext context)
    {
        foreach (var roleArn in context.RunbookRoles.Select(r => r.RoleArn).Distinct())
        {
            if (context.FindPrincipal(roleArn) is not { } role)
                continue;
            var reasons = new List<string>();
            if (role.Principal.Attachments.Any(a => a.PolicyName == "AdministratorAccess"))
                reasons.Add("has AdministratorAccess");
            if (role.Principal.Identity.SelectMany(d => d.Statements).Any(s => s.Effect == Effect.Allow && !s.IsConditional
                    && s.Actions is { IsNot: false } a && a.Entries.Any(e => e.Pattern.IsEverything) && s.Resources?.Entries.Any(r => r.Pattern.IsEverything) != false))
                reasons.Add("can do `*`");
            var iam = AccessCalculator.Compute(context.Catalog, new PolicySet(role.Principal.Identity, role.Principal.Boundary), ["iam"], context.Memo.Access);
            var writes = iam.Actions.Where(a => a.Action.AccessLevel is AccessLevel.Write or AccessLevel.PermissionsManagement).Select(a => a.Action.FullName).ToList();
            if (writes.Count > 0)
                reasons.Add($"can write IAM ({Count(writes.Count, "action")}, e.g. `{writes[0]}`)");
            if (reasons.Count == 0)
                continue;
            yield return Descriptor.Finding(Severity.High,
                $"runbook role `{Inline(role.Principal.Name)}` {string.Join(", ", reasons)}: whoever can start an incident from its plans runs automation with these permissions",
                roleArn, null, Detail.Map(("reasons", Detail.List(reasons)), ("iamWriteActions", Detail.List(writes))), string.Join("|", reasons.Select(r => r.Split(' ')[0])));
        }
    }
}
