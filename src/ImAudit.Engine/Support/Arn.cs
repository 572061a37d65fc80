namespace ImAudit.Engine;

/// <summary>
/// An Amazon Resource Name split once: <c>arn:partition:service:region:account-id:resource</c>. The resource part keeps
/// any further colons (<c>…:log-group:name</c>), as IAM reads it
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html). Parsing checks the shape only: a pattern
/// with wildcards parses too, and a field may be empty (IAM ARNs have no Region).
/// </summary>
public readonly record struct Arn(string Partition, string Service, string Region, string Account, string Resource)
{
    /// <summary>The ARN's parts, or null when the text does not start with <c>arn:</c> or has fewer than six parts.</summary>
    public static Arn? Parse(string? text)
    {
        if (text is null || !text.StartsWith("arn:", StringComparison.Ordinal))
            return null;
        var parts = text.Split(':', 6);
        return parts.Length == 6 ? new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]) : null;
    }

    /// <summary>The account field is a 12-digit account id (not <c>aws</c>, empty or a wildcard).</summary>
    public bool HasAccountId => IsAccountId(Account);

    /// <summary>The resource's type: the resource part up to its first <c>/</c> (<c>role</c>, <c>response-plan</c>), else "".</summary>
    public string ResourceType => Resource.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? Resource[..slash] : "";

    /// <summary>The last segment of the resource part's path (a role's name without its path).</summary>
    public string Name => Resource[(Resource.LastIndexOf('/') + 1)..];

    public static bool IsAccountId(string text) => text.Length == 12 && text.All(char.IsAsciiDigit);

    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{Account}:{Resource}";
}
