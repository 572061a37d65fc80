using System.Text;
using System.Text.Unicode;

namespace ImAudit.Engine.Policies;

/// <summary>
/// Turns the bytes IAM hands out into UTF-8 JSON text: strips a byte-order mark, URL-decodes documents as the
/// IAM query API returns them (RFC 3986: <c>%7B%22Version…</c>; <c>+</c> stays <c>+</c>), and checks UTF-8.
/// </summary>
internal static class DocumentDecoder
{
    public static byte[]? Decode(ReadOnlySpan<byte> input, ParseContext context)
    {
        if (input.StartsWith("\uFEFF"u8))
            input = input[3..];
        var first = input.IndexOfAnyExcept(" \t\r\n"u8);
        byte[] bytes;
        if (first >= 0 && input[first] == (byte)'%')
        {
            bytes = UrlDecode(input, context) ?? [];
            if (bytes.Length == 0)
                return null;
        }
        else
        {
            bytes = input.ToArray();
        }
        if (Utf8.IsValid(bytes))
            return bytes;
        var offset = FirstInvalidUtf8(bytes);
        context.Error(DiagnosticCodes.InvalidUtf8, $"document is not valid UTF-8 at byte {offset}", new SourceLocation(""));
        return null;
    }

    /// <summary>
    /// The JSON text of a document IAM returned URL-encoded; a document that is not URL-encoded, or whose encoding
    /// is broken (bad escape, invalid UTF-8), comes back as it was, so the parser reports it where it is wrong.
    /// </summary>
    public static string DecodeText(string document)
    {
        if (document.AsSpan().TrimStart().IndexOf('%') != 0)
            return document;
        var context = new ParseContext(null, PolicyKind.Identity, false);
        return Decode(Encoding.UTF8.GetBytes(document), context) is { } bytes && context.Diagnostics.Count == 0 ? Encoding.UTF8.GetString(bytes) : document;
    }

    public static byte[]? Encode(string text, ParseContext context)
    {
        try
        {
            return new UTF8Encoding(false, true).GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            context.Error(DiagnosticCodes.InvalidUtf8, $"document has an unpaired surrogate at character {e.Index}", new SourceLocation(""));
            return null;
        }
    }

    private static byte[]? UrlDecode(ReadOnlySpan<byte> input, ParseContext context)
    {
        var output = new byte[input.Length];
        var length = 0;
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != (byte)'%')
            {
                output[length++] = input[i];
                continue;
            }
            if (i + 2 >= input.Length || !IsHex(input[i + 1]) || !IsHex(input[i + 2]))
            {
                var shown = Encoding.ASCII.GetString(input.Slice(i, Math.Min(3, input.Length - i))).Replace('`', '\'');
                context.Error(DiagnosticCodes.InvalidUrlEncoding, $"URL-encoded document has a bad escape `{MessageText.Inline(shown)}` at byte {i}", new SourceLocation(""));
                return null;
            }
            output[length++] = (byte)((HexValue(input[i + 1]) << 4) | HexValue(input[i + 2]));
            i += 2;
        }
        return output[..length];
    }

    private static int FirstInvalidUtf8(byte[] bytes)
    {
        Span<char> sink = new char[bytes.Length];
        Utf8.ToUtf16(bytes, sink, out var read, out _, replaceInvalidSequences: false);
        return read;
    }

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int HexValue(byte b) => b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
