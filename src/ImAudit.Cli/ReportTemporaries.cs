using System.Globalization;
using System.Text.RegularExpressions;

namespace ImAudit.Cli;

/// <summary>
/// The sibling directories a report write stages in, <c>.NAME.imaudit-new|old-PID-RANDOM</c>: each names the process
/// that made it, so a later write can tell a live writer's from a dead one's and clean up only the latter.
/// </summary>
internal static partial class ReportTemporaries
{
    public static string Name(string parent, string name, string kind) =>
        Path.Combine(parent, $".{name}.imaudit-{kind}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..8]}");

    public static string Create(string parent, string name, string kind)
    {
        var path = Name(parent, name, kind);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Puts back a previous set a killed write left aside, then removes every dead writer's temporaries.</summary>
    public static void Recover(string parent, string name)
    {
        var target = Path.Combine(parent, name);
        var dead = Directory.EnumerateDirectories(parent, $".{name}.imaudit-*")
            .Select(path => (Path: path, Match: Staged().Match(Path.GetFileName(path)[(name.Length + 1)..])))
            .Where(d => d.Match.Success && !IsAlive(int.Parse(d.Match.Groups["pid"].Value, CultureInfo.InvariantCulture)))
            .ToList();
        foreach (var (path, match) in dead.Where(d => d.Match.Groups["kind"].Value == "old"))
        {
            if (!Directory.Exists(target))
                Directory.Move(path, target);
        }
        foreach (var (path, _) in dead.Where(d => Directory.Exists(d.Path)))
            Delete(path);
    }

    /// <summary>A per-file temporary (<c>*.tmp-PID</c>) of a dead writer (earlier versions wrote these in the folder).</summary>
    public static bool IsStaleFile(string fileName) =>
        StaleFile().Match(fileName) is { Success: true } m && !IsAlive(int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture));

    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next write to remove; the report itself is in place.
        }
    }

    private static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId)
            return true;
        if (OperatingSystem.IsLinux())
            return Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}");
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\.imaudit-(?<kind>new|old)-(?<pid>\d{1,9})-[0-9a-f]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex Staged();

    [GeneratedRegex(@"\.tmp-(?<pid>\d{1,9})$", RegexOptions.CultureInvariant)]
    private static partial Regex StaleFile();
}
