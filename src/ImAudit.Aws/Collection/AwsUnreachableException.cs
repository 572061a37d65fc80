using Amazon.Runtime;

namespace ImAudit.Aws.Collection;

/// <summary>
/// Nothing could be read: the first call (who am I, STS GetCallerIdentity) found no AWS at its endpoint after every
/// retry, or no answer before the deadline. There is no account to audit, so there is no partial report either.
/// </summary>
public sealed class AwsUnreachableException(string message) : Exception(message);

/// <summary>Tells a broken connection or an unanswered request (as the official clients throw them) from other errors.</summary>
public static class ConnectionFailure
{
    /// <summary>What a broken connection or an unanswered request says, or null for any other exception.</summary>
    public static string? Describe(Exception e) => e switch
    {
        HttpRequestException or IOException or System.Net.Sockets.SocketException => $"the connection failed: {Innermost(e).Message}",
        TimeoutException or OperationCanceledException => "no answer in time",
        AmazonServiceException { InnerException: { } inner } when Describe(inner) is { } reason => reason,
        AmazonClientException { InnerException: { } inner } when Describe(inner) is { } reason => reason,
        _ => null,
    };

    private static Exception Innermost(Exception e) => e.InnerException is { } inner && inner is not AggregateException ? Innermost(inner) : e;
}
