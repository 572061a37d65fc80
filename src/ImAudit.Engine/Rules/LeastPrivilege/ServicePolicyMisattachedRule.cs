using ImAudit.Engine.Baselines;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Principals;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.LeastPrivilege;

/// <summary>
/// IMA305: AWSIncidentManagerServiceRolePolicy attached to anything but the service-linked role, or
/// AWSIncidentManagerIncidentAccessServiceRolePolicy attached to a user or group.
/// </summary>
internal sealed class ServicePolicyMisattachedRule : IAccountRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.ServicePolicyMisattached, "service-policy-misattached",
        "Incident Manager service policy attached where it does not belong", Severity.High, "least privilege",
        "AWSIncidentManagerServiceRolePolicy on anything but the service-linked role, or AWSIncidentManagerIncidentAccessServiceRolePolicy on a user or group")
    {
        Remediation = "Detach the policy: `AWSIncidentManagerServiceRolePolicy` belongs only on the service-linked role `AWSServiceRoleForIncidentManager`, and `AWSIncidentManagerIncidentAccessServiceRolePolicy` only on a role Incident Manager assumes. Give people `AWSIncidentManagerResolverAccess` or a scoped policy of your own.",
    };

    public IEnumerable<Finding> Run(AccountContext context)
    {
        foreach (var principal in context.Principals.Select(p => p.Principal))
        {
            foreach (var attachment in principal.Attachments)
            {
                var serviceRole = attachment.PolicyName == ManagedBaselines.ServiceRolePolicy && principal.Name != BaselineAssignment.ServiceLinkedRoleName;
                var incidentAccess = attachment.PolicyName == ManagedBaselines.IncidentAccessServiceRolePolicy && principal.Kind == PrincipalKind.User;
                if (!serviceRole && !incidentAccess)
                    continue;
                var holder = attachment.ViaGroup is { } g ? $"group `{Inline(g)}` of `{Inline(principal.Name)}`" : $"`{Inline(principal.Name)}`";
                var why = serviceRole ? "it is meant only for the service-linked role AWSServiceRoleForIncidentManager" : "it is meant for a role Incident Manager assumes, not for people";
                var resource = attachment.ViaGroup is { } group ? context.Inventory.Groups.FirstOrDefault(x => x.Name == group)?.Arn ?? principal.Arn : principal.Arn;
                yield return Descriptor.Finding(Severity.High,
                    $"{attachment.PolicyName} is attached to {holder}; {why}",
                    resource, new FindingLocation(attachment.PolicyArn), Detail.Map(("policy", attachment.PolicyArn), ("viaGroup", attachment.ViaGroup ?? "")),
                    attachment.PolicyArn);
            }
        }
    }
}
