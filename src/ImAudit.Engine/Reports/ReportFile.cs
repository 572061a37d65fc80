using System.Text;

namespace ImAudit.Engine.Reports;

/// <summary>
/// One file of a report set: its name relative to the run's folder (<c>report.json</c>, <c>asff/batch-001.json</c>),
/// its content type (what the report bucket serves it as), and what writes it straight to its destination — a file
/// the CLI stages, an object the function uploads. Nothing is composed until the destination asks for it.
/// </summary>
public sealed record ReportFile(string Name, string ContentType, Action<Stream> Write)
{
    internal const string JsonType = "application/json";
    internal const string MarkdownType = "text/markdown; charset=utf-8";
    internal const string HtmlType = "text/html; charset=utf-8";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// For an ASFF batch, the account its findings are about (each batch holds one account's): Security Hub takes them
    /// only from that account.
    /// </summary>
    public string? Account { get; init; }

    internal static ReportFile Json(string name, Action<Stream> write) => new(name, JsonType, write);

    /// <summary>A text file, written through UTF-8 (no byte-order mark) as it is composed.</summary>
    internal static ReportFile Text(string name, string contentType, Action<TextWriter> write) => new(name, contentType, stream =>
    {
        using var writer = new StreamWriter(stream, Utf8, 1 << 16, leaveOpen: true);
        write(writer);
    });

    /// <summary>
    /// The file whole, for what takes bytes: printing it (<c>scan --format</c>), a Security Hub request body. Made
    /// each time it is asked for, so a caller going through several files holds one at a time.
    /// </summary>
    public byte[] Bytes() => Whole.Bytes(Write);

    /// <summary>The file whole as text (it is UTF-8).</summary>
    public string Content() => Encoding.UTF8.GetString(Bytes());
}
