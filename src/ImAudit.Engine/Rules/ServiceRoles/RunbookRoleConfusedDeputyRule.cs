using System.Collections.Immutable;
using ImAudit.Engine.Findings;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.ServiceRoles;

/// <summary>IMA502: the runbook role's trust in Incident Manager has no aws:SourceAccount or aws:SourceArn condition.</summary>
internal sealed class RunbookRoleConfusedDeputyRule : IAccountRule
{
    private static readonly ImmutableArray<string> Keys = ["aws:SourceAccount", "aws:SourceArn"];

    public RuleDescriptor Descriptor { get; } = new(RuleIds.RunbookRoleConfusedDeputy, "runbook-role-confused-deputy",
        "Runbook role trust has no confused-deputy protection", Severity.Medium, "service roles and escalation",
        "the runbook role trusts ssm-incidents.amazonaws.com without an aws:SourceAccount or aws:SourceArn condition")
    {
        Remediation = "Add a condition to the trust statement, `aws:SourceAccount` equal to the account's ID or `aws:SourceArn` matching its response plans' ARNs, so that Incident Manager assumes the role only on this account's behalf.",
    };

    public IEnumerable<Finding> Run(AccountContext context)
    {
        foreach (var roleArn in context.RunbookRoles.Select(r => r.RoleArn).Distinct())
        {
            if (context.FindPrincipal(roleArn) is not { } role)
                continue;
            foreach (var statement in RunbookTrust.IncidentManagerStatements(role.Principal.TrustPolicy))
            {
                if (statement.Conditions.Any(c => Keys.Contains(c.Key, StringComparer.OrdinalIgnoreCase) && !c.Operator.Negated && !c.Operator.IfExists))
                    continue;
                yield return Descriptor.Finding(Severity.Medium,
                    $"`{Inline(role.Principal.Name)}` trusts `ssm-incidents.amazonaws.com` with no `aws:SourceAccount` or `aws:SourceArn` condition: Incident Manager acting for another account could assume it",
                    roleArn, FindingLocation.In(role.Principal.TrustPolicy!.Name, statement, statement.Location), null, statement.Location.Pointer);
            }
        }
    }
}
