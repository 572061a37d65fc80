using System.Collections.Immutable;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Baselines;

/// <summary>Which principals a mapping applies to: an ARN pattern, a path prefix, or a tag (<c>key=value</c>).</summary>
internal sealed record PrincipalMatch(string? ArnPattern, string? PathPrefix, string? TagKey, string? TagValue)
{
    private readonly Glob? _arn = ArnPattern is null ? null : Glob.Compile(ArnPattern, GlobOptions.ArnSegments);

    internal bool Matches(string arn, string path, IEnumerable<Inventory.Tag> tags) =>
        (_arn is null || _arn.IsMatch(arn))
        && (PathPrefix is null || path.StartsWith(PathPrefix, StringComparison.Ordinal))
        && (TagKey is null || tags.Any(t => t.Key == TagKey && (TagValue is null || t.Value == TagValue)));
}

/// <summary>A principal→baseline mapping: <c>admin</c>, an AWS managed policy version, or a policy document from a file.</summary>
internal sealed record BaselineMapping(PrincipalMatch Match, string Name, bool IsAdmin, PolicyDocument? Document);

/// <summary>A finding not to report until <see cref="Expires"/>: rule, resource pattern and the reason.</summary>
internal sealed record Suppression(string RuleId, string ResourcePattern, string Reason, DateOnly? Expires)
{
    // Compiled once; a `with` copy must not change ResourcePattern (none does).
    private readonly Glob _resource = Glob.Compile(ResourcePattern, GlobOptions.ArnSegments);

    internal bool Covers(Findings.Finding finding) =>
        finding.RuleId.Equals(RuleId, StringComparison.OrdinalIgnoreCase) && _resource.IsMatch(finding.Resource);

    public bool HasExpired(DateTimeOffset now) => Expires is { } e && DateOnly.FromDateTime(now.UtcDateTime) > e;
}

/// <summary>The baseline configuration (one JSON file, comments allowed; docs/baseline-config.md).</summary>
public sealed record BaselineConfiguration
{
    internal BaselineConfiguration(ImmutableArray<BaselineMapping> mappings, ImmutableArray<string> trustedAccounts, string? trustedOrganization, ImmutableArray<Suppression> suppressions) =>
        (Mappings, TrustedAccounts, TrustedOrganization, Suppressions) = (mappings, trustedAccounts, trustedOrganization, suppressions);

    /// <summary>Which baseline each principal is compared with, first match wins.</summary>
    internal ImmutableArray<BaselineMapping> Mappings { get; init; }

    /// <summary>Accounts a resource policy may share with (IMA402).</summary>
    public ImmutableArray<string> TrustedAccounts { get; init; }

    /// <summary>The organization whose members a resource policy may share with (IMA703), as <c>aws:PrincipalOrgID</c> names it.</summary>
    public string? TrustedOrganization { get; init; }

    /// <summary>Findings held back until their expiry date.</summary>
    internal ImmutableArray<Suppression> Suppressions { get; init; }

    public static BaselineConfiguration Empty { get; } = new([], [], null, []);

    /// <summary>
    /// This configuration with more trusted accounts (<c>--trusted-account</c>, IMAUDIT_TRUSTED_ACCOUNTS, an
    /// organization's members): the configuration's first, each account once.
    /// </summary>
    public BaselineConfiguration TrustingAlso(IEnumerable<string> accounts)
    {
        var more = accounts.Except(TrustedAccounts, StringComparer.Ordinal).ToList(); // Except yields each account once
        return more.Count == 0 ? this : this with { TrustedAccounts = [.. TrustedAccounts, .. more] };
    }
}
