using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace ImAudit.Aws.Runtime;

/// <summary>
/// Sends one service's requests: signed with the SDK's SigV4 signer, each attempt under a timeout, retried with
/// exponential backoff and full jitter when throttled, on 5xx, on transient error codes, timeouts and broken
/// connections. Anything else becomes an <see cref="AmazonServiceException"/> naming the service and operation.
/// </summary>
internal sealed class AwsServiceCaller : IDisposable
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(200);
    private readonly HttpClient _http;
    private readonly AwsClientSettings _settings;

    public AwsServiceCaller(AwsClientSettings settings, string service, AwsProtocol protocol)
    {
        _settings = settings;
        Service = service;
        Protocol = protocol;
        Endpoint = settings.Endpoints.For(service, settings.Region);
        var region = RegionEndpoint.GetBySystemName(AwsServiceEndpoints.SigningRegion(service, settings.Region));
        var signer = new SigV4SigningHandler(settings.Credentials, region, service, settings.Handler ?? new SocketsHttpHandler());
        _http = new HttpClient(signer, disposeHandler: settings.Handler is null) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public string Service { get; }

    public AwsProtocol Protocol { get; }

    public Uri Endpoint { get; }

    /// <summary>Sends the request <paramref name="build"/> makes (once per attempt) and returns the body of the success.</summary>
    public async Task<byte[]> SendAsync(string operation, Func<Uri, HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            AmazonServiceException error;
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(_settings.AttemptTimeout);
            try
            {
                using var request = build(Endpoint);
                using var response = await _http.SendAsync(request, attemptTimeout.Token).ConfigureAwait(false);
                var body = await response.Content.ReadAsByteArrayAsync(attemptTimeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                    return body;
                error = AwsErrors.Read(Protocol, response.StatusCode, Header(response, "x-amzn-ErrorType"),
                    Header(response, "x-amzn-RequestId") ?? Header(response, "x-amz-request-id"), body);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                error = new AmazonServiceException($"no answer within {_settings.AttemptTimeout.TotalSeconds:0.#} s", ErrorType.Receiver, "RequestTimeout", null, HttpStatusCode.RequestTimeout);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                error = new AmazonServiceException($"the connection failed: {e.Message}", e, ErrorType.Receiver, "ConnectionError", null, HttpStatusCode.ServiceUnavailable);
            }
            if (!AwsErrors.IsRetryable(error) || attempt >= _settings.MaxAttempts)
                throw error;
            await _settings.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    // Full jitter: a random delay up to base × 2^attempt, capped.
    private TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(_settings.MaxBackoff.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public void Dispose() => _http.Dispose();
}
