namespace ImAudit.Engine.Json;

internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>A JSON value that remembers where it started in the source text.</summary>
internal sealed class JsonNode
{
    public required JsonKind Kind { get; init; }

    /// <summary>Byte offset of the value's first token in the UTF-8 source.</summary>
    public required int Offset { get; init; }

    /// <summary>The decoded string, or the raw number text; null for other kinds.</summary>
    public string? Text { get; init; }

    public IReadOnlyList<JsonMember> Members { get; init; } = [];

    public IReadOnlyList<JsonNode> Items { get; init; } = [];

    public string KindName => Kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.True or JsonKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>String, number and boolean values as IAM reads them in conditions.</summary>
    public string? ScalarText => Kind switch
    {
        JsonKind.String or JsonKind.Number => Text,
        JsonKind.True => "true",
        JsonKind.False => "false",
        _ => null,
    };
}

internal readonly record struct JsonMember(string Name, int NameOffset, JsonNode Value);
