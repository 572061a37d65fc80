using System.Collections.Immutable;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Principals;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.LeastPrivilege;

/// <summary>IMA302: a principal (not mapped to admin) can change who else reaches Incident Manager resources.</summary>
internal sealed class CanChangeResourcePoliciesRule : IAccountRule
{
    private static readonly ImmutableArray<string> Actions =
        ["ssm-incidents:PutResourcePolicy", "ssm-incidents:DeleteResourcePolicy", "ssm-contacts:PutContactPolicy", "ssm-contacts:AssociateContact"];

    public RuleDescriptor Descriptor { get; } = new(RuleIds.CanChangeResourcePolicies, "can-change-resource-policies",
        "Principal can change who reaches Incident Manager resources", Severity.High, "least privilege",
        "a principal not mapped to admin can PutResourcePolicy, DeleteResourcePolicy, PutContactPolicy or AssociateContact")
    {
        Remediation = "Keep `ssm-incidents:PutResourcePolicy`, `ssm-incidents:DeleteResourcePolicy`, `ssm-contacts:PutContactPolicy` and `ssm-contacts:AssociateContact` to administrators: remove them from this principal's policies, or, if it is an administrator, map it to the `admin` baseline in the baseline configuration file.",
    };

    public IEnumerable<Finding> Run(AccountContext context)
    {
        foreach (var principal in context.Principals.Where(p => p.Baseline.Kind != BaselineKind.Admin))
        {
            var can = Actions.Where(a => principal.Access.Find(a) is not null).ToList();
            if (can.Count == 0)
                continue;
            yield return Descriptor.Finding(Severity.High,
                $"`{Inline(principal.Principal.Name)}` can change who reaches Incident Manager resources: {string.Join(", ", can.Select(a => $"`{a}`"))}",
                principal.Principal.Arn, null, Detail.Map(("actions", Detail.List(can)), ("conditional", can.All(a => principal.Access.Find(a)!.IsConditional))),
                string.Join(",", can));
        }
    }
}
