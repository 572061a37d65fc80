using System.Globalization;
using System.Text;

namespace ImAudit.Engine.Json;

/// <summary>
/// JSON may escape half of a UTF-16 surrogate pair (<c>"\ud800"</c>): valid JSON syntax, but no .NET string holding
/// it can be written back as JSON. These helpers find such escapes and read around them.
/// </summary>
internal static class LoneSurrogates
{
    /// <summary>True when some string or property name of a (syntactically valid) JSON text escapes a lone surrogate.</summary>
    public static bool In(string json)
    {
        if (json.IndexOf("\\u", StringComparison.Ordinal) < 0)
            return false;
        var reader = new System.Text.Json.Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is System.Text.Json.JsonTokenType.String or System.Text.Json.JsonTokenType.PropertyName && reader.ValueIsEscaped)
                    _ = reader.GetString();
            }
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// The JSON with each lone surrogate escape in a property name written as <c>\uFFFD</c> (same length: lines and
    /// columns stay): .NET's lookup of a property unescapes every name it passes and throws at such one, so one odd key
    /// anywhere made every field of its object unreadable. Such a name is no field ImAudit reads; values keep theirs.
    /// The input itself when no name has one. With <paramref name="values"/>, in string values too (for files that
    /// hold no policy document, whose lone surrogates IMA107 reports).
    /// </summary>
    public static ReadOnlyMemory<byte> ReplacedInPropertyNames(ReadOnlyMemory<byte> json, int maxDepth, bool values = false)
    {
        if (json.Span.IndexOf("\\u"u8) < 0)
            return json;
        byte[]? copy = null;
        var reader = new System.Text.Json.Utf8JsonReader(json.Span, new System.Text.Json.JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not System.Text.Json.JsonTokenType.PropertyName && !(values && reader.TokenType is System.Text.Json.JsonTokenType.String) || !reader.ValueIsEscaped)
                    continue;
                try
                {
                    _ = reader.GetString();
                    continue;
                }
                catch (InvalidOperationException)
                {
                }
                copy ??= json.ToArray();
                ReplaceLoneEscapes(copy.AsSpan((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length));
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: the parser that follows says where.
        }
        return copy is null ? json : copy;
    }

    // In the raw bytes of one escaped string: every \uXXXX that is a surrogate outside a high-low pair becomes \uFFFD.
    private static void ReplaceLoneEscapes(Span<byte> raw)
    {
        for (var i = 0; i + 1 < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\')
                continue;
            if (raw[i + 1] != (byte)'u' || !TryHex(raw, i + 2, out var unit))
            {
                i++;
                continue;
            }
            if (char.IsHighSurrogate(unit) && i + 11 < raw.Length && raw[i + 6] == (byte)'\\' && raw[i + 7] == (byte)'u' && TryHex(raw, i + 8, out var low) && char.IsLowSurrogate(low))
            {
                i += 11;
                continue;
            }
            if (char.IsSurrogate(unit))
                "FFFD"u8.CopyTo(raw[(i + 2)..]);
            i += 5;
        }
    }

    private static bool TryHex(ReadOnlySpan<byte> raw, int start, out char unit)
    {
        unit = '\0';
        if (start + 4 > raw.Length || !ushort.TryParse(raw.Slice(start, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            return false;
        unit = (char)value;
        return true;
    }

    /// <summary>Unescapes a raw JSON string literal, reading each lone surrogate escape as U+FFFD.</summary>
    public static string Unescape(string literal)
    {
        var text = literal.Length >= 2 && literal[0] == '"' && literal[^1] == '"' ? literal[1..^1] : literal;
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length)
            {
                result.Append(char.IsSurrogate(c) && !IsPairAt(text, i) && !IsLowAfterHigh(text, i) ? '\uFFFD' : c);
                continue;
            }
            var next = text[++i];
            if (next != 'u')
            {
                result.Append(next switch { 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', _ => next });
                continue;
            }
            if (!TryHex(text, i + 1, out var unit))
            {
                result.Append('\uFFFD');
                continue;
            }
            i += 4;
            if (char.IsHighSurrogate(unit) && i + 6 < text.Length && text[i + 1] == '\\' && text[i + 2] == 'u' && TryHex(text, i + 3, out var low) && char.IsLowSurrogate(low))
            {
                result.Append(unit).Append(low);
                i += 6;
            }
            else
            {
                result.Append(char.IsSurrogate(unit) ? '\uFFFD' : unit);
            }
        }
        return result.ToString();
    }

    private static bool IsPairAt(string text, int i) => char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);

    private static bool IsLowAfterHigh(string text, int i) => char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1]);

    private static bool TryHex(string text, int start, out char unit)
    {
        unit = '\0';
        if (start + 4 > text.Length || !ushort.TryParse(text.AsSpan(start, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            return false;
        unit = (char)value;
        return true;
    }
}
