namespace ImAudit.Aws.Pipeline;

/// <summary>
/// The role a run was to read the account through could not be assumed: the message names the role and STS's error
/// code (<c>could not assume `arn:…`: AccessDenied: …</c>). In the organization audit it becomes that account's
/// reason in the report's accounts not audited.
/// </summary>
public sealed class RoleNotAssumedException : Exception
{
    public RoleNotAssumedException(string roleArn, Amazon.Runtime.AmazonServiceException inner)
        : base($"could not assume `{roleArn}`: {inner.ErrorCode}: {Engine.MessageText.OneLine(inner.Message)}", inner) => RoleArn = roleArn;

    /// <summary>STS did not answer before the run's collection deadline (<see cref="Collection.AwsUnreachableException"/>).</summary>
    public RoleNotAssumedException(string roleArn, Collection.AwsUnreachableException inner)
        : base($"could not assume `{roleArn}`: {inner.Message}", inner) => RoleArn = roleArn;

    public string RoleArn { get; }
}
