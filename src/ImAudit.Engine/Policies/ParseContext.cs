using ImAudit.Engine.Json;

namespace ImAudit.Engine.Policies;

/// <summary>
/// Collects diagnostics for one document and turns byte offsets into locations. Patterns are compiled through the
/// audit's <see cref="Matching.PatternCache"/> when the document belongs to one, else through the document's own.
/// </summary>
internal sealed class ParseContext(LineMap? lines, PolicyKind kind, bool variablesEnabled, Matching.PatternCache? patterns = null)
{
    private Matching.PatternCache? _patterns = patterns;

    // Made on first use: a context that reads no statement (decoding) needs none. One thread parses a document.
    public Matching.PatternCache Patterns => _patterns ??= new();

    public List<PolicyDiagnostic> Diagnostics { get; } = [];

    public PolicyKind Kind { get; } = kind;

    public bool VariablesEnabled { get; set; } = variablesEnabled;

    public SourceLocation At(string pointer, int offset)
    {
        if (lines is null)
            return new SourceLocation(pointer);
        var (line, column) = lines.Locate(offset);
        return new SourceLocation(pointer, line, column);
    }

    public SourceLocation At(string pointer, JsonNode node) => At(pointer, node.Offset);

    public void Error(string code, string message, SourceLocation location) =>
        Diagnostics.Add(new PolicyDiagnostic(code, DiagnosticSeverity.Error, message, location));

    public void Warning(string code, string message, SourceLocation location) =>
        Diagnostics.Add(new PolicyDiagnostic(code, DiagnosticSeverity.Warning, message, location));

    /// <summary>A string or an array of strings (IAM's "string or list" elements); anything else is reported.</summary>
    public List<(string Value, string Pointer, JsonNode Node)> Strings(JsonNode node, string pointer, string element)
    {
        var result = new List<(string, string, JsonNode)>();
        if (node.Kind == JsonKind.String)
        {
            result.Add((node.Text!, pointer, node));
            return result;
        }
        if (node.Kind != JsonKind.Array)
        {
            Error(DiagnosticCodes.WrongType, $"`{element}` must be a string or an array of strings, not {node.KindName}", At(pointer, node));
            return result;
        }
        if (node.Items.Count == 0)
            Error(DiagnosticCodes.EmptyValue, $"`{element}` is an empty array", At(pointer, node));
        for (var i = 0; i < node.Items.Count; i++)
        {
            var item = node.Items[i];
            var itemPointer = JsonPointer.Append(pointer, i);
            if (item.Kind == JsonKind.String)
                result.Add((item.Text!, itemPointer, item));
            else
                Error(DiagnosticCodes.WrongType, $"`{element}` entries must be strings, not {item.KindName}", At(itemPointer, item));
        }
        return result;
    }
}
