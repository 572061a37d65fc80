using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImAudit.Cli;

/// <summary>Policy documents as JSON, for merging: equal up to formatting, and one document with the statements of two.</summary>
internal static class PolicyStatements
{
    public static bool Same(string a, string b) =>
        a == b || (Parse(a) is { } x && Parse(b) is { } y && JsonNode.DeepEquals(x, y));

    /// <summary>
    /// One document with every statement of both (the first's Version); when only one of them reads as a policy, that
    /// one; when neither does, the first.
    /// </summary>
    public static string? Union(string? a, string? b)
    {
        if (a is null || b is null || Same(a, b))
            return a ?? b;
        var (left, right) = (Parse(a), Parse(b));
        if (left is null || right is null)
            return left is null && right is not null ? b : a;
        var merged = new JsonObject();
        if (left["Version"] is { } version)
            merged["Version"] = version.DeepClone();
        merged["Statement"] = new JsonArray([.. Statements(left).Concat(Statements(right)).Select(s => s?.DeepClone())]);
        return merged.ToJsonString();
    }

    private static IEnumerable<JsonNode?> Statements(JsonObject policy) =>
        policy["Statement"] is JsonArray list ? list : [policy["Statement"]];

    // A policy object with a Statement, fully read (duplicate keys and bad text fail here, not later).
    private static JsonObject? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject policy && policy.ContainsKey("Statement") ? policy : null;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
}
