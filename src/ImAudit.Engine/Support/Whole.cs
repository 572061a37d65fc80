using System.Globalization;

namespace ImAudit.Engine;

/// <summary>
/// What a streaming writer produces, held whole: for the overloads beside the streaming writers (tests, a printed
/// report, a Security Hub request body). Files and uploads go through the streaming writers themselves.
/// </summary>
internal static class Whole
{
    public static byte[] Bytes(Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        return buffer.ToArray();
    }

    public static string Text(Action<TextWriter> write)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        write(text);
        return text.ToString();
    }
}
