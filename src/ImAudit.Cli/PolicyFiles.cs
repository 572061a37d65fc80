using ImAudit.Engine;
using ImAudit.Engine.Policies;

namespace ImAudit.Cli;

/// <summary>Reads policy documents named on the command line. Unreadable or malformed files are usage errors (exit 2).</summary>
internal static class PolicyFiles
{
    public static byte[] ReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"cannot read `{MessageText.Inline(path)}`: {Describe(e)}");
        }
    }

    public static PolicyDocument Read(string path, PolicyKind kind, TextWriter stderr)
    {
        var document = PolicyParser.Parse(ReadBytes(path), kind, path);
        foreach (var warning in document.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning))
            stderr.WriteLine($"imaudit: warning: {Where(path, warning.Location)}: {warning.Message} ({warning.Code})");
        var errors = document.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            var more = errors.Count > 1 ? $" (and {errors.Count - 1} more)" : "";
            throw new UsageException($"{Where(path, errors[0].Location)}: {errors[0].Message} ({errors[0].Code}){more}");
        }
        return document;
    }

    public static string Where(string path, SourceLocation location) =>
        location.Line is null ? $"`{MessageText.Inline(path)}` at {Pointer(location)}" : $"`{MessageText.Inline(path)}` line {location.Line} column {location.Column} ({Pointer(location)})";

    private static string Pointer(SourceLocation location) => location.Pointer.Length == 0 ? "document root" : $"`{MessageText.Whole(location.Pointer)}`";

    private static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message.TrimEnd('.'),
    };
}
