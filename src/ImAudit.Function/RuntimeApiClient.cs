using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ImAudit.Function;

/// <summary>One invocation as the runtime API hands it over.</summary>
internal sealed record Invocation(string RequestId, DateTimeOffset Deadline, string? FunctionArn, string? TraceId, byte[] Event);

/// <summary>The runtime API answered 5xx or went away: the runtime must exit (Lambda restarts it).</summary>
internal sealed class RuntimeApiUnavailableException(string message) : Exception(message);

/// <summary>
/// The Lambda Runtime API (<c>2018-06-01</c>) at <c>AWS_LAMBDA_RUNTIME_API</c>: next invocation, response,
/// invocation error (with <c>Lambda-Runtime-Function-Error-Type</c>), init error.
/// </summary>
internal sealed class RuntimeApiClient(HttpClient http, string runtimeApi)
{
    private readonly string _base = $"http://{runtimeApi}/2018-06-01/runtime/";

    public async Task<Invocation> NextAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Send(() => new HttpRequestMessage(HttpMethod.Get, _base + "invocation/next"), cancellationToken).ConfigureAwait(false);
        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id") ?? throw new RuntimeApiUnavailableException("invocation/next answered without Lambda-Runtime-Aws-Request-Id");
        var deadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.UtcNow.AddMinutes(15);
        return new Invocation(requestId, deadline, Header(response, "Lambda-Runtime-Invoked-Function-Arn"), Header(response, "Lambda-Runtime-Trace-Id"),
            await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
    }

    public async Task RespondAsync(string requestId, byte[] body, CancellationToken cancellationToken = default)
    {
        using var _ = await Send(() => new HttpRequestMessage(HttpMethod.Post, $"{_base}invocation/{requestId}/response") { Content = Json(body) }, cancellationToken).ConfigureAwait(false);
    }

    public async Task ErrorAsync(string requestId, string errorType, string message, CancellationToken cancellationToken = default)
    {
        using var _ = await Send(() => ErrorRequest($"{_base}invocation/{requestId}/error", errorType, message), cancellationToken).ConfigureAwait(false);
    }

    public async Task InitErrorAsync(string errorType, string message, CancellationToken cancellationToken = default)
    {
        using var _ = await Send(() => ErrorRequest(_base + "init/error", errorType, message), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The error body Lambda expects: errorMessage, errorType, stackTrace.</summary>
    public static byte[] ErrorBody(string errorType, string message)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("errorMessage", message);
            w.WriteString("errorType", errorType);
            w.WriteStartArray("stackTrace");
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static HttpRequestMessage ErrorRequest(string url, string errorType, string message)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Json(ErrorBody(errorType, message)) };
        request.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-Error-Type", errorType);
        return request;
    }

    private async Task<HttpResponseMessage> Send(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            using var request = build();
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new RuntimeApiUnavailableException($"the runtime API at {_base} is unreachable: {e.Message}");
        }
        if ((int)response.StatusCode >= 500)
        {
            response.Dispose();
            throw new RuntimeApiUnavailableException($"the runtime API answered {(int)response.StatusCode}: the runtime exits");
        }
        if (response.StatusCode != HttpStatusCode.OK && response.StatusCode != HttpStatusCode.Accepted)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            response.Dispose();
            throw new InvalidOperationException($"the runtime API refused the request ({(int)response.StatusCode}): {text}");
        }
        return response;
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        return content;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
