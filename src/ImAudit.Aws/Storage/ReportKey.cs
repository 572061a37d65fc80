using ImAudit.Engine;
using System.Text;
using ImAudit.Engine.Policies;

namespace ImAudit.Aws.Storage;

/// <summary>
/// What both stores accept as a key: relative, <c>/</c>-separated, no empty, <c>.</c> or <c>..</c> segment, no
/// backslash or control character, at most 1,024 UTF-8 bytes (S3's limit). Such a key names one object in S3 and one
/// file under a directory store's root; anything else is refused rather than normalised into another name.
/// </summary>
public static class ReportKey
{
    public const int MaxBytes = 1024;

    /// <summary>The key, or an <see cref="ArgumentException"/> saying what is wrong with it (one line).</summary>
    public static string Check(string key) => Problem(key) is { } problem
        ? throw new ArgumentException($"report key `{MessageText.Inline(key)}` {problem}")
        : key;

    private static string? Problem(string key)
    {
        if (key.Length == 0)
            return "is empty";
        if (Encoding.UTF8.GetByteCount(key) > MaxBytes)
            return $"is longer than {MaxBytes} bytes";
        if (key.Any(c => char.IsControl(c) || c == '\\'))
            return "holds a control character or a backslash";
        if (key.StartsWith('/'))
            return "is absolute";
        return key.Split('/') switch
        {
            var segments when segments[..^1].Any(s => s.Length == 0) || segments[^1].Length == 0 => "has an empty segment",
            var segments when segments.Any(s => s is "." or "..") => "has a `.` or `..` segment",
            _ => null,
        };
    }
}
