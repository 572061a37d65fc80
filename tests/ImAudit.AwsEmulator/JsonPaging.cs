using System.Globalization;
using System.Text.Json.Nodes;

namespace ImAudit.AwsEmulator;

/// <summary>Pages a list by <c>maxResults</c>/<c>nextToken</c> (or the PascalCase JSON 1.1 names).</summary>
internal static class JsonPaging
{
    public static (List<T> Page, string? Next, string? Error) Page<T>(IReadOnlyList<T> items, JsonObject body, string maxName, string tokenName, int defaultMax)
    {
        var max = body[maxName]?.GetValue<int>() ?? defaultMax;
        if (max < 1)
            return ([], null, $"{maxName} must be at least 1");
        var start = 0;
        if (body[tokenName]?.GetValue<string>() is { } token
            && (!token.StartsWith('t') || !int.TryParse(token[1..], CultureInfo.InvariantCulture, out start) || start > items.Count))
            return ([], null, $"invalid {tokenName} `{token}`");
        var page = items.Skip(start).Take(max).ToList();
        return (page, start + page.Count < items.Count ? "t" + (start + page.Count).ToString(CultureInfo.InvariantCulture) : null, null);
    }

    public static JsonObject Body(AwsRequest request) =>
        request.Body.Length == 0 ? [] : JsonNode.Parse(request.Body) as JsonObject ?? throw new FormatException("the body is not a JSON object");
}
