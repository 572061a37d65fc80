namespace ImAudit.Aws.Pipeline;

/// <summary>
/// The function's configuration, from environment variables: <c>IMAUDIT_REPORT_BUCKET</c> (required unless the
/// reports go to a directory), <c>IMAUDIT_REPORT_PREFIX</c> (default <c>imaudit/</c>), <c>IMAUDIT_BASELINE</c>
/// (an S3 key in the report bucket holding the baseline configuration), <c>IMAUDIT_TRUSTED_ACCOUNTS</c>
/// (comma-separated), <c>IMAUDIT_ROLE_ARN</c> (a role to assume by default), <c>IMAUDIT_DEADLINE_MARGIN_SECONDS</c>
/// (time kept back from the invocation deadline to write the reports; default 30), <c>IMAUDIT_SECURITY_HUB</c>
/// (<c>true</c> to import the findings into Security Hub; default false), <c>IMAUDIT_EXTERNAL_ID</c> (the external ID
/// to present when assuming a role the event names without one: the organization audit's member roles),
/// <c>IMAUDIT_DOCS_URL</c> (where ImAudit's repository is published: rules link to their pages there, in report.html and ASFF),
/// <c>IMAUDIT_MEMBER_ROLE_NAME</c> (the organization's member role: the aggregate step imports each member's
/// cross-account findings into Security Hub through it).
/// </summary>
public sealed record FunctionSettings(string? Bucket, string Prefix, string? BaselineKey, IReadOnlyList<string> TrustedAccounts, string? RoleArn, TimeSpan DeadlineMargin)
{
    public bool SecurityHub { get; init; }

    public string? ExternalId { get; init; }

    /// <summary>The member role's name in every account of the organization (organization mode).</summary>
    public string? MemberRoleName { get; init; }

    public string? DocsUrl { get; init; }

    public static FunctionSettings FromEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        string? Value(string name) => environment.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var prefix = Value("IMAUDIT_REPORT_PREFIX") ?? "imaudit/";
        var margin = Value("IMAUDIT_DEADLINE_MARGIN_SECONDS") is { } m
            ? int.TryParse(m, out var seconds) && seconds is >= 0 and <= 600 ? TimeSpan.FromSeconds(seconds) : throw new ArgumentException($"IMAUDIT_DEADLINE_MARGIN_SECONDS is `{m}`, not 0–600")
            : TimeSpan.FromSeconds(30);
        var trusted = (Value("IMAUDIT_TRUSTED_ACCOUNTS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (trusted.FirstOrDefault(a => a.Length != 12 || !a.All(char.IsAsciiDigit)) is { } bad)
            throw new ArgumentException($"IMAUDIT_TRUSTED_ACCOUNTS holds `{bad}`, not a 12-digit account ID");
        var securityHub = Value("IMAUDIT_SECURITY_HUB") switch
        {
            null or "false" => false,
            "true" => true,
            var other => throw new ArgumentException($"IMAUDIT_SECURITY_HUB is `{other}`, not true or false"),
        };
        if (Value("IMAUDIT_DOCS_URL") is { } docs && !Engine.Rules.RuleDescriptor.IsDocsBaseUrl(docs))
            throw new ArgumentException($"IMAUDIT_DOCS_URL is `{docs}`, not an http(s) URL");
        return new FunctionSettings(Value("IMAUDIT_REPORT_BUCKET"), prefix.EndsWith('/') ? prefix : prefix + "/", Value("IMAUDIT_BASELINE"), trusted, Value("IMAUDIT_ROLE_ARN"), margin)
        {
            SecurityHub = securityHub,
            ExternalId = Value("IMAUDIT_EXTERNAL_ID"),
            MemberRoleName = Value("IMAUDIT_MEMBER_ROLE_NAME"),
            DocsUrl = Value("IMAUDIT_DOCS_URL"),
        };
    }
}
