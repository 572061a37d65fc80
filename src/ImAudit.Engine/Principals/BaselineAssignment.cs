using ImAudit.Engine.Baselines;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Principals;

public enum BaselineKind
{
    /// <summary>A managed policy version is the yardstick (IMA301).</summary>
    ManagedPolicy,

    /// <summary>A runbook role: judged by the IMA5xx rules instead.</summary>
    RunbookRole,

    /// <summary>Mapped to <c>admin</c>: nothing is excess.</summary>
    Admin,
}

/// <summary>The yardstick for one principal: its kind, its name (<c>NAME@vN</c>, a file, <c>admin</c>), the document, and why.</summary>
public sealed record Baseline(BaselineKind Kind, string Name, PolicyDocument? Document, string Reason)
{
    internal static Baseline Managed(string policyName, string reason)
    {
        var version = ManagedBaselines.Find(policyName)!;
        return new(BaselineKind.ManagedPolicy, version.QualifiedName, version.Document, reason);
    }
}

/// <summary>
/// The baseline a principal's Incident Manager access is compared with: the service-linked role against
/// AWSIncidentManagerServiceRolePolicy, a role Incident Manager assumes that carries
/// AWSIncidentManagerIncidentAccessServiceRolePolicy against that policy, other roles trusted by
/// ssm-incidents.amazonaws.com as runbook roles (IMA5xx), everyone else against AWSIncidentManagerResolverAccess.
/// </summary>
internal static class BaselineAssignment
{
    public const string ServiceLinkedRoleName = "AWSServiceRoleForIncidentManager";
    public const string IncidentManagerService = "ssm-incidents.amazonaws.com";

    public static Baseline For(PrincipalPolicies principal, BaselineConfiguration configuration)
    {
        // An explicit mapping in the baseline configuration wins; the first that matches.
        if (configuration.Mappings.FirstOrDefault(m => m.Match.Matches(principal.Arn, principal.Path, principal.Tags)) is { } mapping)
        {
            return mapping.IsAdmin
                ? new(BaselineKind.Admin, "admin", null, "mapped to admin by the baseline configuration")
                : new(BaselineKind.ManagedPolicy, mapping.Name, mapping.Document, "mapped by the baseline configuration");
        }
        if (principal.Kind == PrincipalKind.Role && principal.Name == ServiceLinkedRoleName)
            return Baseline.Managed(ManagedBaselines.ServiceRolePolicy, "the Incident Manager service-linked role");
        if (principal.Kind == PrincipalKind.Role && TrustedByIncidentManager(principal.TrustPolicy))
        {
            return principal.Attachments.Any(a => a.PolicyName == ManagedBaselines.IncidentAccessServiceRolePolicy)
                ? Baseline.Managed(ManagedBaselines.IncidentAccessServiceRolePolicy, "a role Incident Manager assumes to read other services")
                : new(BaselineKind.RunbookRole, "runbook role", null, "a role trusted by ssm-incidents.amazonaws.com");
        }
        return Baseline.Managed(ManagedBaselines.ResolverAccess, "the default for principals with Incident Manager access");
    }

    public static bool TrustedByIncidentManager(PolicyDocument? trust) =>
        trust is not null && trust.Statements.Any(s => s.Effect == Effect.Allow
            && s.Principal is { IsNot: false } p && p.Entries.Any(e => e.Type == "Service" && e.Value == IncidentManagerService)
            && s.Actions.Entries.Any(a => a.Pattern.Matches("sts:AssumeRole")));
}
