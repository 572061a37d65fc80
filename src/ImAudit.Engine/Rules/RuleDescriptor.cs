namespace ImAudit.Engine.Rules;

/// <summary>What a rule is: a stable ID (never reused), a short name, a title, its default severity and family.</summary>
public sealed record RuleDescriptor(string Id, string Name, string Title, Findings.Severity DefaultSeverity, string Category, string Summary)
{
    /// <summary>
    /// What to do about a finding of this rule, one paragraph on one line (user input in backticks); the rule's docs
    /// page says the same under "## Remediation" (a meta-test keeps them equal). Reports and ASFF carry it.
    /// </summary>
    public required string Remediation { get; init; }

    /// <summary>The rule's docs page, relative to the repository root.</summary>
    public string DocsPath => $"docs/rules/{Id}.md";

    /// <summary>The rule's docs page under <paramref name="docsBaseUrl"/> (the URL of the repository's root), or null without one.</summary>
    public static bool IsDocsBaseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) && !text.Contains('"', StringComparison.Ordinal);

    public string? DocsUrl(string? docsBaseUrl) => docsBaseUrl is { Length: > 0 } root ? root.TrimEnd('/') + "/" + DocsPath : null;

    /// <summary>A finding of this rule; its fingerprint keys on rule, resource, policy, pointer and the rule's own key.</summary>
    internal Findings.Finding Finding(Findings.Severity severity, string message, string resource, Findings.FindingLocation? location, Findings.MapDetail? details, string key) =>
        new(Id, severity, Title, message, resource, location, details ?? Findings.Finding.NoDetails,
            Findings.Finding.FingerprintOf(Id, resource, location?.Policy, location?.Pointer, key)) { Key = key };
}
