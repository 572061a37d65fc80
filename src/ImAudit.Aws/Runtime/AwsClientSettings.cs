using Amazon.Runtime;

namespace ImAudit.Aws.Runtime;

/// <summary>
/// How the typed clients reach AWS: Region, credentials, endpoints, and the retry budget. <see cref="Handler"/>
/// and <see cref="Delay"/> exist so tests can run the real HTTP stack against a local host without waiting.
/// </summary>
public sealed record AwsClientSettings(string Region, AWSCredentials Credentials, AwsServiceEndpoints Endpoints)
{
    /// <summary>Attempts per call, the first included (AWS_MAX_ATTEMPTS; the SDKs' standard mode uses 3).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Ceiling of one backoff delay.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one attempt may take before it counts as a timeout.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public HttpMessageHandler? Handler { get; init; }

    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;
}
