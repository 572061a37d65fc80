using System.Text.Json;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Inventory;

/// <summary>Parses an input file and hands its root to a reader; invalid JSON becomes an error naming the file and line.</summary>
internal static class JsonInput
{
    public static ImportResult Read(ReadOnlyMemory<byte> json, string source, Func<JsonElement, string, ImportResult> read)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            return new ImportResult(null, $"`{MessageText.Inline(source)}` is not valid JSON (line {e.LineNumber + 1}): {e.Message.Split(" LineNumber")[0].TrimEnd('.')}", []);
        }
        using (document)
            return read(document.RootElement, source);
    }
}
