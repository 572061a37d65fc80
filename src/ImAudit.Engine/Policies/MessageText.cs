using System.Text;

namespace ImAudit.Engine.Policies;

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

    public static string Inline(string? value)
    {
        if (value is null)
            return "";
        var text = new StringBuilder(Math.Min(value.Length, MaxLength + 8));
        foreach (var c in value)
        {
            if (text.Length >= MaxLength)
            {
                text.Append('…');
                break;
            }
            text.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '`' => "'",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return text.ToString();
    }
}
