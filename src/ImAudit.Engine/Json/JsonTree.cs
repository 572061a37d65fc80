using System.Text.Json;

namespace ImAudit.Engine.Json;

internal sealed record JsonSyntaxError(string Code, string Message, int Offset, long? Line = null, long? BytePositionInLine = null);

internal sealed record DuplicateKey(string Pointer, string Name, int Offset);

internal sealed record JsonTreeResult(JsonNode? Root, JsonSyntaxError? Error, IReadOnlyList<DuplicateKey> Duplicates);

/// <summary>
/// Reads JSON into <see cref="JsonNode"/>s with byte offsets, reporting duplicate keys and excessive nesting
/// as data instead of exceptions. Linear in the input; never recursive beyond <see cref="MaxDepth"/>.
/// </summary>
internal static class JsonTree
{
    public const int MaxDepth = 32;

    public static JsonTreeResult Parse(ReadOnlySpan<byte> utf8)
    {
        var duplicates = new List<DuplicateKey>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            MaxDepth = MaxDepth + 8,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });
        try
        {
            if (!reader.Read())
                return new JsonTreeResult(null, new JsonSyntaxError("json-syntax", "document is empty", 0), duplicates);
            var root = ReadValue(ref reader, "", duplicates, out var deep);
            if (deep is not null)
                return new JsonTreeResult(null, deep, duplicates);
            if (reader.Read())
                return new JsonTreeResult(null, new JsonSyntaxError("json-syntax", "unexpected content after the end of the document", (int)reader.TokenStartIndex), duplicates);
            return new JsonTreeResult(root, null, duplicates);
        }
        catch (JsonException e)
        {
            return new JsonTreeResult(null, new JsonSyntaxError("json-syntax", "invalid JSON: " + Clean(e.Message), (int)reader.BytesConsumed, e.LineNumber, e.BytePositionInLine), duplicates);
        }
        catch (InvalidOperationException e)
        {
            return new JsonTreeResult(null, new JsonSyntaxError("json-syntax", "invalid JSON: " + Clean(e.Message), (int)reader.TokenStartIndex), duplicates);
        }
    }

    private static JsonNode? ReadValue(ref Utf8JsonReader reader, string pointer, List<DuplicateKey> duplicates, out JsonSyntaxError? deep)
    {
        deep = null;
        var offset = (int)reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                if (reader.CurrentDepth >= MaxDepth)
                {
                    deep = new JsonSyntaxError("too-deep", $"document nests deeper than {MaxDepth} levels", offset);
                    return null;
                }
                return reader.TokenType == JsonTokenType.StartObject
                    ? ReadObject(ref reader, pointer, duplicates, offset, out deep)
                    : ReadArray(ref reader, pointer, duplicates, offset, out deep);
            case JsonTokenType.String:
                return new JsonNode { Kind = JsonKind.String, Offset = offset, Text = reader.GetString() };
            case JsonTokenType.Number:
                return new JsonNode { Kind = JsonKind.Number, Offset = offset, Text = System.Text.Encoding.UTF8.GetString(reader.ValueSpan) };
            case JsonTokenType.True:
                return new JsonNode { Kind = JsonKind.True, Offset = offset };
            case JsonTokenType.False:
                return new JsonNode { Kind = JsonKind.False, Offset = offset };
            default:
                return new JsonNode { Kind = JsonKind.Null, Offset = offset };
        }
    }

    private static JsonNode? ReadObject(ref Utf8JsonReader reader, string pointer, List<DuplicateKey> duplicates, int offset, out JsonSyntaxError? deep)
    {
        deep = null;
        var members = new List<JsonMember>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var nameOffset = (int)reader.TokenStartIndex;
            var name = reader.GetString() ?? "";
            var childPointer = JsonPointer.Append(pointer, name);
            if (!seen.Add(name))
                duplicates.Add(new DuplicateKey(childPointer, name, nameOffset));
            reader.Read();
            var value = ReadValue(ref reader, childPointer, duplicates, out deep);
            if (deep is not null)
                return null;
            members.Add(new JsonMember(name, nameOffset, value!));
        }
        return new JsonNode { Kind = JsonKind.Object, Offset = offset, Members = members };
    }

    private static JsonNode? ReadArray(ref Utf8JsonReader reader, string pointer, List<DuplicateKey> duplicates, int offset, out JsonSyntaxError? deep)
    {
        deep = null;
        var items = new List<JsonNode>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var value = ReadValue(ref reader, JsonPointer.Append(pointer, items.Count), duplicates, out deep);
            if (deep is not null)
                return null;
            items.Add(value!);
        }
        return new JsonNode { Kind = JsonKind.Array, Offset = offset, Items = items };
    }

    // System.Text.Json messages end with "LineNumber: 3 | BytePositionInLine: 4." and a period; we report the
    // place ourselves and keep messages one line without a final period.
    private static string Clean(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0)
            cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = (cut >= 0 ? message[..cut] : message).Trim().TrimEnd('.');
        text = text.Replace('\n', ' ').Replace('\r', ' ');
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }
}
