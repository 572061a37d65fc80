using System.Collections.Immutable;
using ImAudit.Engine.Json;

namespace ImAudit.Engine.Policies;

/// <summary>
/// Reads IAM policy documents (identity, resource and trust) into <see cref="PolicyDocument"/>s. Never throws
/// on bad input: every problem becomes a <see cref="PolicyDiagnostic"/> with a pointer and line/column.
/// </summary>
public static class PolicyParser
{
    /// <summary>Far above any IAM limit (a managed policy holds at most 6,144 characters), low enough to stay cheap.</summary>
    public const int MaxDocumentBytes = 1 << 20;

    private static readonly string[] KnownVersions = ["2012-10-17", "2008-10-17"];

    /// <summary>A document as IAM's query API returns it (URL-encoded) as JSON text; anything else unchanged.</summary>
    public static string DecodeUrlEncoded(string document) => DocumentDecoder.DecodeText(document);

    public static PolicyDocument Parse(string text, PolicyKind kind, string name = "policy") => Parse(text, kind, name, null);

    public static PolicyDocument Parse(ReadOnlySpan<byte> utf8, PolicyKind kind, string name = "policy") => Parse(utf8, kind, name, null);

    /// <summary>A document of an audit: its patterns compiled once for the whole audit (<see cref="DocumentCache"/>).</summary>
    internal static PolicyDocument Parse(string text, PolicyKind kind, string name, Matching.PatternCache? patterns)
    {
        var context = new ParseContext(null, kind, true, patterns);
        var bytes = DocumentDecoder.Encode(text, context);
        return bytes is null ? Empty(name, kind, context) : Parse(bytes, kind, name, context.Patterns);
    }

    internal static PolicyDocument Parse(ReadOnlySpan<byte> utf8, PolicyKind kind, string name, Matching.PatternCache? patterns)
    {
        var context = new ParseContext(null, kind, true, patterns);
        if (utf8.Length > MaxDocumentBytes)
        {
            context.Error(DiagnosticCodes.TooLarge, $"document is {utf8.Length:N0} bytes; ImAudit reads at most {MaxDocumentBytes:N0}", new SourceLocation(""));
            return Empty(name, kind, context);
        }
        var bytes = DocumentDecoder.Decode(utf8, context);
        if (bytes is null)
            return Empty(name, kind, context);
        var lines = new LineMap(bytes);
        context = new ParseContext(lines, kind, true, context.Patterns);
        var tree = JsonTree.Parse(bytes);
        if (tree.Error is { } error)
        {
            var (line, column) = error.Line is { } l ? lines.FromLineAndByte(l, error.BytePositionInLine ?? 0) : lines.Locate(error.Offset);
            context.Error(error.Code, error.Message, new SourceLocation("", line, column));
            return Empty(name, kind, context);
        }
        foreach (var duplicate in tree.Duplicates)
            context.Error(DiagnosticCodes.DuplicateKey, $"key `{MessageText.Inline(duplicate.Name)}` appears more than once", context.At(duplicate.Pointer, duplicate.Offset));
        return Read(tree.Root!, name, context);
    }

    private static PolicyDocument Read(JsonNode root, string name, ParseContext context)
    {
        if (root.Kind != JsonKind.Object)
        {
            context.Error(DiagnosticCodes.NotAnObject, $"a policy is a JSON object, not {root.KindName}", context.At("", root));
            return Empty(name, context.Kind, context);
        }
        string? version = null;
        string? id = null;
        JsonNode? statementNode = null;
        foreach (var member in root.Members)
        {
            var pointer = JsonPointer.Append("", member.Name);
            switch (member.Name)
            {
                case "Version":
                    version = member.Value.Text;
                    if (member.Value.Kind != JsonKind.String || !KnownVersions.Contains(version))
                    {
                        context.Error(DiagnosticCodes.BadVersion, $"`Version` must be `2012-10-17` or `2008-10-17`, not `{MessageText.Inline(member.Value.Text ?? member.Value.KindName)}`", context.At(pointer, member.Value));
                        version = null;
                    }
                    break;
                case "Id":
                    if (member.Value.Kind != JsonKind.String)
                        context.Error(DiagnosticCodes.WrongType, $"`Id` must be a string, not {member.Value.KindName}", context.At(pointer, member.Value));
                    id = member.Value.Text;
                    break;
                case "Statement":
                    statementNode = member.Value;
                    break;
                default:
                    context.Error(DiagnosticCodes.UnknownElement, $"`{MessageText.Inline(member.Name)}` is not a policy element (expected `Version`, `Id` or `Statement`)", context.At(pointer, member.NameOffset));
                    break;
            }
        }
        if (!root.Members.Any(m => m.Name == "Version"))
            context.Warning(DiagnosticCodes.MissingVersion, "no `Version`: IAM reads the policy as 2008-10-17, where policy variables are plain text", context.At("", root));
        context.VariablesEnabled = version == "2012-10-17";
        var statements = ReadStatements(statementNode, root, context);
        return new PolicyDocument(name, context.Kind, version, id, statements, [.. context.Diagnostics]);
    }

    private static ImmutableArray<Statement> ReadStatements(JsonNode? node, JsonNode root, ParseContext context)
    {
        if (node is null)
        {
            context.Error(DiagnosticCodes.MissingStatement, "policy has no `Statement`", context.At("", root));
            return [];
        }
        var result = ImmutableArray.CreateBuilder<Statement>();
        if (node.Kind == JsonKind.Object)
        {
            if (StatementReader.Read(node, 0, "/Statement", context) is { } single)
                result.Add(single);
        }
        else if (node.Kind == JsonKind.Array)
        {
            if (node.Items.Count == 0)
                context.Error(DiagnosticCodes.EmptyStatement, "`Statement` is an empty array", context.At("/Statement", node));
            for (var i = 0; i < node.Items.Count; i++)
            {
                if (StatementReader.Read(node.Items[i], i, JsonPointer.Append("/Statement", i), context) is { } statement)
                    result.Add(statement);
            }
        }
        else
        {
            context.Error(DiagnosticCodes.WrongType, $"`Statement` must be an object or an array, not {node.KindName}", context.At("/Statement", node));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in result)
        {
            if (statement.Sid is { Length: > 0 } sid && !seen.Add(sid))
                context.Warning(DiagnosticCodes.DuplicateSid, $"Sid `{MessageText.Inline(sid)}` is used by more than one statement", statement.Location);
        }
        return result.ToImmutable();
    }

    private static PolicyDocument Empty(string name, PolicyKind kind, ParseContext context) =>
        new(name, kind, null, null, [], [.. context.Diagnostics]);
}
