using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ImAudit.Engine.Json;

namespace ImAudit.Engine.Inventory;

/// <summary>Tolerant accessors over <see cref="JsonElement"/>: a missing or mistyped field reads as absent.</summary>
internal static class JsonFields
{
    public static string? Text(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.Lenient() : null;

    /// <summary>
    /// A JSON string's value. JSON may escape half of a UTF-16 surrogate pair (<c>"\ud800"</c>), which no .NET string
    /// written back to JSON survives: such a lone surrogate reads as U+FFFD, the rest of the text as it is.
    /// </summary>
    public static string Lenient(this JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return LoneSurrogates.Unescape(value.GetRawText());
        }
    }

    public static bool Flag(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public static int Number(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : 0;

    public static DateTimeOffset? Date(this JsonElement e, string name) =>
        e.Text(name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;

    public static IEnumerable<JsonElement> Array(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];

    public static ImmutableArray<string> Strings(this JsonElement e, string name) =>
        [.. e.Array(name).Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.Lenient())];

    /// <summary>A policy document as IAM hands it out: a JSON object (AWS CLI) or a string (raw API, URL-encoded).</summary>
    public static string? Document(this JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v))
            return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.Lenient(),
            JsonValueKind.Object => v.GetRawText(),
            _ => null,
        };
    }

    public static ImmutableArray<Tag> Tags(this JsonElement e, string name = "Tags") =>
        [.. e.Array(name).Select(t => new Tag(t.Text("Key") ?? t.Text("key") ?? "", t.Text("Value") ?? t.Text("value") ?? ""))];
}
