using ImAudit.Engine.Baselines;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Principals;

namespace ImAudit.Engine.Rules.ServiceRoles;

/// <summary>IMA505: Incident Manager resources exist but its service-linked role is missing or lacks its policy.</summary>
internal sealed class ServiceLinkedRoleRule : IAccountRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.ServiceLinkedRole, "service-linked-role",
        "Incident Manager service-linked role is missing or incomplete", Severity.Medium, "service roles and escalation",
        "Incident Manager resources exist but AWSServiceRoleForIncidentManager is missing or does not carry AWSIncidentManagerServiceRolePolicy")
    {
        Remediation = "Create the service-linked role (`aws iam create-service-linked-role --aws-service-name ssm-incidents.amazonaws.com`), or attach `AWSIncidentManagerServiceRolePolicy` to `AWSServiceRoleForIncidentManager` again; do not edit that role by hand.",
    };

    public IEnumerable<Finding> Run(AccountContext context)
    {
        var inventory = context.Inventory;
        if (inventory.ResponsePlans.IsEmpty && inventory.Contacts.IsEmpty && inventory.ReplicationSet is null)
            yield break;
        var arn = $"arn:{inventory.Partition}:iam::{inventory.AccountId}:role/aws-service-role/ssm-incidents.amazonaws.com/{BaselineAssignment.ServiceLinkedRoleName}";
        var role = context.Principals.FirstOrDefault(p => p.Principal.Kind == PrincipalKind.Role && p.Principal.Name == BaselineAssignment.ServiceLinkedRoleName);
        string? problem = role is null
            ? $"{BaselineAssignment.ServiceLinkedRoleName} does not exist, though the account has Incident Manager resources: incidents cannot create OpsItems, timeline events or engagements"
            : !role.Principal.Attachments.Any(a => a.PolicyName == ManagedBaselines.ServiceRolePolicy)
                ? $"{BaselineAssignment.ServiceLinkedRoleName} does not carry {ManagedBaselines.ServiceRolePolicy}"
                : null;
        if (problem is not null)
            yield return Descriptor.Finding(Severity.Medium, problem, role?.Principal.Arn ?? arn, null, null, role is null ? "missing" : "policy");
    }
}
