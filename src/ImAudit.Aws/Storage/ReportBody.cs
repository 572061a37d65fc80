namespace ImAudit.Aws.Storage;

/// <summary>
/// A report file's body as what writes it (<c>Action&lt;Stream&gt;</c>), the shape every store and report set takes: the
/// stores stream it to its destination; these make one from text and, where a whole copy is needed, read it back.
/// </summary>
public static class ReportBody
{
    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>A text body, written through UTF-8 (no byte-order mark) as it is composed.</summary>
    public static Action<Stream> Text(Action<TextWriter> write) => stream =>
    {
        using var writer = new StreamWriter(stream, Utf8, 1 << 16, leaveOpen: true);
        write(writer);
    };

    /// <summary>The body whole, for what takes bytes (printing it, Security Hub's import, a store without streaming).</summary>
    public static byte[] Bytes(Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        return buffer.ToArray();
    }
}
