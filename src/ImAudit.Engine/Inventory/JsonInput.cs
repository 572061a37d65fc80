using System.Text.Json;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Inventory;

/// <summary>Parses an input file and hands its root to a reader; invalid JSON becomes an error naming the file and line.</summary>
internal static class JsonInput
{
    /// <summary>
    /// How deep an input file may nest. Far above any inventory's own shape, so that a policy inside one nested past
    /// the policy limit (32) fails alone, as an IMA107 finding, and the rest of the account is audited.
    /// </summary>
    public const int MaxDepth = 512;

    public static ImportResult Read(ReadOnlyMemory<byte> json, string source, Func<JsonElement, string, ImportResult> read)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(Json.LoneSurrogates.ReplacedInPropertyNames(json, MaxDepth), new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            return new ImportResult(null, $"`{MessageText.Inline(source)}` is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1} of the line): {e.Message.Split(" LineNumber")[0].TrimEnd('.')}", []);
        }
        using (document)
            return read(document.RootElement, source);
    }
}
