using System.Text.Json;

namespace ImAudit.Engine.Inventory;

/// <summary>Parses an input file and hands its root to a reader; invalid JSON becomes an error naming the file, line and byte.</summary>
internal static class JsonInput
{
    /// <summary>
    /// How deep an input file may nest. Far above any inventory's own shape, so that a policy inside one nested past
    /// the policy limit (32) fails alone, as an IMA107 finding, and the rest of the account is audited.
    /// </summary>
    public const int MaxDepth = 512;

    public static ImportResult Read(ReadOnlyMemory<byte> json, string source, Func<JsonElement, string, ImportResult> read)
    {
        if (Parse(json, source, readableValues: false, out var error) is not { } document)
            return new ImportResult(null, error, []);
        using (document)
            return read(document.RootElement, source);
    }

    /// <summary>
    /// The parsed file, or null with one line saying where it stops being JSON and why. A property name escaping a
    /// lone UTF-16 surrogate (<c>"\ud800"</c>) reads as U+FFFD, as a value does, instead of making every field of its
    /// object unreadable (issue 13); with <paramref name="readableValues"/> every string does, for input that holds no
    /// policy document (the AWS Organizations outputs), where nothing would report the lone surrogate.
    /// </summary>
    public static JsonDocument? Parse(ReadOnlyMemory<byte> json, string source, bool readableValues, out string? error)
    {
        try
        {
            error = null;
            return JsonDocument.Parse(Json.LoneSurrogates.ReplacedInPropertyNames(json, MaxDepth, values: readableValues), new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            var reason = e.Message.Split(" LineNumber", 2)[0].Split(" Path:", 2)[0].Trim().TrimEnd('.');
            error = $"`{MessageText.Whole(source)}` line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1} of the line: not valid JSON ({MessageText.Inline(reason)})";
            return null;
        }
    }
}
