using System.Collections.Immutable;
using ImAudit.Engine.ManagedPolicies;

namespace ImAudit.Engine.Baselines;

/// <summary>
/// The three Incident Manager managed policies, the baselines principals are compared with, with every version
/// ImAudit knows (from <see cref="ManagedPolicyLibrary"/>: one copy of the data). Addressed as <c>NAME</c> (newest)
/// or <c>NAME@vN</c>; any other AWS managed policy is not a baseline.
/// </summary>
public static class ManagedBaselines
{
    public const string ResolverAccess = "AWSIncidentManagerResolverAccess";
    public const string ServiceRolePolicy = "AWSIncidentManagerServiceRolePolicy";
    public const string IncidentAccessServiceRolePolicy = "AWSIncidentManagerIncidentAccessServiceRolePolicy";

    public static IReadOnlyList<string> Names { get; } = [ResolverAccess, ServiceRolePolicy, IncidentAccessServiceRolePolicy];

    // Asked for once per principal: the three histories (nine small versions) are kept for the process's life.
    private static readonly Lazy<ImmutableDictionary<string, ImmutableArray<ManagedPolicyVersion>>> Policies = new(() =>
        Names.ToImmutableDictionary(n => n, ManagedPolicyLibrary.History, StringComparer.OrdinalIgnoreCase));

    /// <summary>Every known version, oldest first.</summary>
    public static ImmutableArray<ManagedPolicyVersion> Versions(string policyName) =>
        Policies.Value.TryGetValue(policyName, out var versions) ? versions : [];

    /// <summary>Resolves <c>NAME</c> (newest version) or <c>NAME@vN</c>; names are case-insensitive. Null when unknown.</summary>
    public static ManagedPolicyVersion? Find(string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        var versions = Versions(at < 0 ? reference : reference[..at]);
        if (versions.IsDefaultOrEmpty)
            return null;
        if (at < 0)
            return versions[^1];
        var id = reference[(at + 1)..];
        return versions.FirstOrDefault(v => v.VersionId.Equals(id, StringComparison.OrdinalIgnoreCase));
    }
}
