using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace ImAudit.Aws.Runtime;

/// <summary>
/// The JSON protocols: rest-json (a method and path per operation, members bound to the query string or the
/// body) and AWS JSON 1.1 (<c>POST /</c>, the operation in <c>X-Amz-Target</c>). Bodies are source-generated.
/// </summary>
internal static class RestJsonProtocol
{
    /// <summary>A request body, minus members bound elsewhere (those the path or query string carry).</summary>
    public static byte[] Body<T>(T request, JsonTypeInfo<T> type, params string[] without)
    {
        var node = JsonSerializer.SerializeToNode(request, type)!.AsObject();
        foreach (var name in without)
            node.Remove(name);
        return JsonSerializer.SerializeToUtf8Bytes(node, JsonNodeContext.Default.JsonObject);
    }

    public static async Task<TResponse> CallAsync<TResponse>(AwsServiceCaller caller, string operation, HttpMethod method, string path,
        IReadOnlyList<KeyValuePair<string, string>>? query, byte[]? body, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var answer = await caller.SendAsync(operation, endpoint =>
        {
            var queryString = query is null ? "" : "?" + string.Join("&", query.Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value)));
            var request = new HttpRequestMessage(method, new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + path + queryString));
            if (body is not null)
                request.Content = Content(body, "application/json");
            return request;
        }, cancellationToken).ConfigureAwait(false);
        return Read(caller, operation, answer, responseType);
    }

    public static async Task<TResponse> CallJsonAsync<TResponse>(AwsServiceCaller caller, string targetPrefix, string operation, byte[] body,
        JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var answer = await caller.SendAsync(operation, endpoint =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = Content(body, "application/x-amz-json-1.1") };
            request.Headers.TryAddWithoutValidation("X-Amz-Target", $"{targetPrefix}.{operation}");
            return request;
        }, cancellationToken).ConfigureAwait(false);
        return Read(caller, operation, answer, responseType);
    }

    private static ByteArrayContent Content(byte[] body, string mediaType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private static TResponse Read<TResponse>(AwsServiceCaller caller, string operation, byte[] answer, JsonTypeInfo<TResponse> type)
    {
        try
        {
            return JsonSerializer.Deserialize(answer.Length == 0 ? "{}"u8 : answer, type)
                ?? throw QueryProtocol.Malformed(caller, operation, "`null`");
        }
        catch (JsonException e)
        {
            throw QueryProtocol.Malformed(caller, operation, $"not the JSON expected ({e.Message})");
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonObject))]
internal sealed partial class JsonNodeContext : System.Text.Json.Serialization.JsonSerializerContext;
