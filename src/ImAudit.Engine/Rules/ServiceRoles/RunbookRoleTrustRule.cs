using ImAudit.Engine.Findings;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.ServiceRoles;

/// <summary>IMA501: a response plan's runbook role does not exist, or Incident Manager cannot assume it.</summary>
internal sealed class RunbookRoleTrustRule : IAccountRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.RunbookRoleTrust, "runbook-role-trust",
        "Runbook role is missing or does not trust Incident Manager", Severity.High, "service roles and escalation",
        "a response plan's runbook role (actions[].ssmAutomation.roleArn) does not exist, or its trust policy does not let ssm-incidents.amazonaws.com call sts:AssumeRole")
    {
        Remediation = "Create the runbook role, or correct the response plan's `roleArn`, and give the role a trust policy that lets `ssm-incidents.amazonaws.com` call `sts:AssumeRole`, with an `aws:SourceAccount` condition (IMA502).",
    };

    public IEnumerable<Finding> Run(AccountContext context)
    {
        foreach (var (plan, roleArn) in context.RunbookRoles.Where(r => RunbookTrust.IsOwnAccount(r.RoleArn, context.Inventory.AccountId)))
        {
            var role = context.FindPrincipal(roleArn);
            var problem = role is null
                ? "does not exist in the account"
                : !RunbookTrust.IncidentManagerStatements(role.Principal.TrustPolicy).Any()
                    ? "does not trust `ssm-incidents.amazonaws.com` to call `sts:AssumeRole`"
                    : null;
            if (problem is null)
                continue;
            yield return Descriptor.Finding(Severity.High,
                $"response plan `{Inline(plan.Name)}` runs its runbook as `{Inline(roleArn)}`, which {problem}: the runbook cannot start",
                plan.Arn, null, Detail.Map(("roleArn", roleArn), ("exists", role is not null)), roleArn);
        }
    }
}
