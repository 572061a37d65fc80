using System.Buffers;
using System.Text;

namespace ImAudit.Engine.Reports;

/// <summary>
/// Text from the audited account (names, ARNs, AWS error messages) written into <c>report.md</c> so that no Markdown
/// renderer reads markup in it: inside a code span, or escaped outside one. Every value is one line; in a table
/// cell a pipe is escaped too (GFM unescapes <c>\|</c> inside code spans as well).
/// </summary>
internal static class MarkdownText
{
    // What Text escapes or replaces.
    private static readonly SearchValues<char> Special = SearchValues.Create("&<>\\`*_[]|~#!$\r\n");

    /// <summary>
    /// A code span (CommonMark): fenced by one backtick more than the longest run inside, padded with a space when
    /// the text begins or ends with a backtick or a space (a renderer removes one space on each side).
    /// </summary>
    public static string Code(string? text, bool inTable = true)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var content = OneLine(text);
        if (inTable)
            content = content.Replace("|", "\\|", StringComparison.Ordinal);
        var fence = new string('`', LongestBacktickRun(content) + 1);
        var pad = content[0] is '`' or ' ' || content[^1] is '`' or ' ' ? " " : "";
        return fence + pad + content + pad + fence;
    }

    /// <summary>
    /// Plain text: HTML's significant characters as entities (every renderer honours those), Markdown's with a
    /// backslash (CommonMark escapes any ASCII punctuation this way).
    /// </summary>
    public static string Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        // Most text (a finding's words between its quoted values) has nothing to escape.
        if (text.AsSpan().IndexOfAny(Special) < 0)
            return text;
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in OneLine(text))
        {
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '~' or '#' or '!' or '$':
                    escaped.Append('\\').Append(c);
                    break;
                default: escaped.Append(c); break;
            }
        }
        return escaped.ToString();
    }

    /// <summary>
    /// A message whose quoted values are in backticks (as ImAudit writes them): each quoted value a code span, the
    /// rest plain text. An unpaired backtick is text.
    /// </summary>
    public static string Message(string? message, bool inTable = true)
    {
        if (string.IsNullOrEmpty(message))
            return "";
        var parts = message.Split('`');
        if (parts.Length % 2 == 0)
            parts = [.. parts[..^2], parts[^2] + "`" + parts[^1]];
        var rendered = new StringBuilder(message.Length + 16);
        for (var i = 0; i < parts.Length; i++)
        {
            rendered.Append(i % 2 == 0 ? Text(parts[i])
                : parts[i].Length == 0 ? Text("``")
                : Code(parts[i], inTable));
        }
        return rendered.ToString();
    }

    // Markdown ends a table row (and a list item's paragraph may end) at a line ending.
    private static string OneLine(string text) =>
        text.AsSpan().IndexOfAny('\r', '\n') < 0 ? text : text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ');

    private static int LongestBacktickRun(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }
}
