using System.Globalization;
using System.Text;

namespace ImAudit.Engine;

/// <summary>
/// User input as it may appear between backticks in a one-line message: control characters escaped, backticks
/// replaced, long values shortened.
/// </summary>
public static class MessageText
{
    public const int MaxLength = 120;

    /// <summary>"1 action", "3 actions".</summary>
    public static string Count(int count, string noun) => $"{count:N0} {noun}{(count == 1 ? "" : "s")}";

    /// <summary>A message from elsewhere (an AWS error, an exception) on one line, whitespace runs collapsed.</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static bool NeedsEscaping(string value)
    {
        foreach (var c in value)
        {
            if (c == '`' || char.IsControl(c))
                return true;
        }
        return false;
    }

    /// <summary>User input for a message's backticks: one line, no backtick, at most <see cref="MaxLength"/> characters.</summary>
    public static string Inline(string? value) => Inline(value, MaxLength);

    /// <summary>As <see cref="Inline(string?)"/>, whole: for what must be found again (a file path, a policy name, a JSON Pointer).</summary>
    public static string Whole(string? value) => Inline(value, int.MaxValue);

    private static string Inline(string? value, int maxLength)
    {
        if (value is null)
            return "";
        // Most values need nothing done: returned as they are.
        if (value.Length <= maxLength && !NeedsEscaping(value))
            return value;
        var text = new StringBuilder(Math.Min(value.Length, MaxLength + 8));
        foreach (var c in value)
        {
            if (text.Length >= maxLength)
            {
                text.Append('…');
                break;
            }
            switch (c)
            {
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '`': text.Append('\''); break;
                case var _ when char.IsControl(c): text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"); break;
                default: text.Append(c); break;
            }
        }
        return text.ToString();
    }
}
