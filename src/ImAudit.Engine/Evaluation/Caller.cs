namespace ImAudit.Engine.Evaluation;

/// <summary>What kind of principal makes a request.</summary>
internal enum CallerKind
{
    /// <summary>An IAM user (<c>arn:aws:iam::A:user/path/name</c>).</summary>
    User,

    /// <summary>
    /// A session of an IAM role. Requests never come from a role itself: a role ARN given as the caller means "a
    /// session of this role", whose session name is not known.
    /// </summary>
    Role,

    /// <summary>One role session (<c>arn:aws:sts::A:assumed-role/Role/session</c>).</summary>
    RoleSession,

    /// <summary>A federated user session (<c>arn:aws:sts::A:federated-user/name</c>).</summary>
    FederatedUser,

    /// <summary>The account's root user (<c>arn:aws:iam::A:root</c>).</summary>
    AccountRoot,

    /// <summary>An AWS service principal (<c>ssm-incidents.amazonaws.com</c>).</summary>
    Service,
}

/// <summary>
/// The principal of a request, read from its ARN: its kind, its account, and for a role session the role's name.
/// A role session's ARN carries no role path, so a role ARN in a policy is matched to a session by account and
/// role name (the last segment of the role's path).
/// </summary>
internal sealed record Caller(string Arn, CallerKind Kind, string? AccountId, string Partition, string? RoleName)
{
    /// <summary>The caller an ARN (or service principal) names, or null when it names none.</summary>
    public static Caller? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        if (!text.StartsWith("arn:", StringComparison.Ordinal))
            return text.EndsWith(".amazonaws.com", StringComparison.Ordinal) || text.EndsWith(".amazonaws.com.cn", StringComparison.Ordinal)
                ? new Caller(text, CallerKind.Service, null, "aws", null)
                : null;
        if (Engine.Arn.Parse(text) is not { HasAccountId: true } arn)
            return null;
        var (partition, service, account, resource) = (arn.Partition, arn.Service, arn.Account, arn.Resource);
        if (service == "iam" && resource == "root")
            return new Caller(text, CallerKind.AccountRoot, account, partition, null);
        if (service == "iam" && resource.StartsWith("user/", StringComparison.Ordinal))
            return new Caller(text, CallerKind.User, account, partition, null);
        if (service == "iam" && resource.StartsWith("role/", StringComparison.Ordinal) && resource.Length > 5)
            return new Caller(text, CallerKind.Role, account, partition, resource[(resource.LastIndexOf('/') + 1)..]);
        if (service == "sts" && resource.StartsWith("assumed-role/", StringComparison.Ordinal) && resource.Split('/') is { Length: 3 } session
            && session[1].Length > 0 && session[2].Length > 0)
            return new Caller(text, CallerKind.RoleSession, account, partition, session[1]);
        if (service == "sts" && resource.StartsWith("federated-user/", StringComparison.Ordinal))
            return new Caller(text, CallerKind.FederatedUser, account, partition, null);
        return null;
    }

    public bool IsService => Kind == CallerKind.Service;

    /// <summary>
    /// The value of <c>aws:PrincipalArn</c>: the role's ARN for a role session (AWS reports the role, not the
    /// session; a session ARN has no role path, so the role ARN is rebuilt without one), the user's ARN for a
    /// federated user, the ARN itself otherwise; null for a service.
    /// </summary>
    public string? PrincipalArn => Kind switch
    {
        CallerKind.RoleSession => $"arn:{Partition}:iam::{AccountId}:role/{RoleName}",
        CallerKind.FederatedUser => $"arn:{Partition}:iam::{AccountId}:user/{Arn[(Arn.IndexOf('/') + 1)..]}",
        CallerKind.Service => null,
        _ => Arn,
    };

    /// <summary>The value of <c>aws:PrincipalType</c>.</summary>
    public string PrincipalType => Kind switch
    {
        CallerKind.User => "User",
        CallerKind.Role or CallerKind.RoleSession => "AssumedRole",
        CallerKind.FederatedUser => "FederatedUser",
        CallerKind.AccountRoot => "Account",
        _ => "Service",
    };

    /// <summary>
    /// The global condition keys AWS puts in every request from this caller. A key the request already states
    /// (with values, or as absent) is never replaced.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> ContextKeys()
    {
        yield return new("aws:PrincipalIsAWSService", IsService ? "true" : "false");
        if (IsService)
        {
            yield return new("aws:PrincipalServiceName", Arn);
            yield break;
        }
        yield return new("aws:PrincipalArn", PrincipalArn!);
        yield return new("aws:PrincipalAccount", AccountId!);
        yield return new("aws:PrincipalType", PrincipalType);
        if (Kind == CallerKind.User)
            yield return new("aws:username", Arn[(Arn.LastIndexOf('/') + 1)..]);
    }
}
