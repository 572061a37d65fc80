using System.Text.Json;

namespace ImAudit.Cli;

/// <summary>
/// Policy documents as JSON, for merging pages: equal up to formatting, and one document with the statements of two.
/// Statements are copied as their raw text, so what the parser will say of them (a lone surrogate escape, a
/// duplicate key) stays for it to say.
/// </summary>
internal static class PolicyStatements
{
    public static bool Same(string a, string b) => a == b || (Compact(a) is { } x && x == Compact(b));

    /// <summary>
    /// One document with every statement of both (the first's Version); when only one of them reads as a policy, that
    /// one; when neither does, the first.
    /// </summary>
    public static string? Union(string? a, string? b)
    {
        if (a is null || b is null || Same(a, b))
            return a ?? b;
        var (left, right) = (Read(a), Read(b));
        if (left is null || right is null)
            return left is null && right is not null ? b : a;
        var version = left.Value.Version is { } v ? $"\"Version\":{v}," : "";
        return $"{{{version}\"Statement\":[{string.Join(",", left.Value.Statements.Concat(right.Value.Statements))}]}}";
    }

    private static (string? Version, List<string> Statements)? Read(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Statement", out var statement))
                return null;
            var version = root.TryGetProperty("Version", out var v) ? v.GetRawText() : null;
            return (version, statement.ValueKind == JsonValueKind.Array ? [.. statement.EnumerateArray().Select(s => s.GetRawText())] : [statement.GetRawText()]);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, too deep, or a property name escaping a lone surrogate (its lookup throws).
            return null;
        }
    }

    private static string? Compact(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
                document.RootElement.WriteTo(writer);
            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
