using ImAudit.Engine;
using System.Globalization;
using ImAudit.Engine.Policies;

namespace ImAudit.Cli;

/// <summary>
/// The runs a report folder keeps (docs/cli.md, "History"): <c>DIR/history/&lt;UTC time&gt;/snapshot.json</c> for each
/// scan into DIR, and <c>DIR/history/base</c> naming the last good run — the one the next scan compares with. A worse
/// run (it failed a read the base's run did not) is kept but never becomes the base, as in the function's bucket. At
/// most <c>--keep-runs</c> runs are kept, the oldest dropped first; the base is never dropped.
/// </summary>
internal sealed class RunHistory(string outDir, int keep)
{
    public const int DefaultKeep = 10;
    private const string Snapshot = "snapshot.json";
    private const string StampFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    private string Folder => Path.Combine(outDir, "history");

    private string Pointer => Path.Combine(Folder, "base");

    public static int ParseKeep(string? text) =>
        text is null ? DefaultKeep
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n
            : throw new UsageException($"--keep-runs `{MessageText.Inline(text)}` is not a number of runs (1 or more)");

    /// <summary>
    /// The snapshot the next scan compares with: the base run's; without one, the newest run kept; in a folder an
    /// earlier ImAudit wrote (no history), its <c>snapshot.json</c>; null in a new folder.
    /// </summary>
    public string? BaseSnapshot()
    {
        if (ReadPointer() is { } name && File.Exists(Path.Combine(Folder, name, Snapshot)))
            return Path.Combine(Folder, name, Snapshot);
        if (Runs().LastOrDefault(r => File.Exists(Path.Combine(Folder, r, Snapshot))) is { } newest)
            return Path.Combine(Folder, newest, Snapshot);
        var top = Path.Combine(outDir, Snapshot);
        return File.Exists(top) ? top : null;
    }

    /// <summary>
    /// Keeps the snapshot just written to DIR as the run of <paramref name="at"/>, the base when
    /// <paramref name="becomesBase"/>; then drops the oldest runs beyond the limit. A failure is a warning: the
    /// reports are written already.
    /// </summary>
    public void Record(DateTimeOffset at, bool becomesBase, TextWriter stderr)
    {
        try
        {
            Directory.CreateDirectory(Folder);
            var stamp = at.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture);
            var name = stamp;
            for (var n = 2; Directory.Exists(Path.Combine(Folder, name)); n++)
                name = $"{stamp}-{n}";
            // Staged beside, then renamed: a run in history/ always has its whole snapshot.
            var staging = Path.Combine(Folder, $".{name}.tmp");
            Directory.CreateDirectory(staging);
            // The same file as DIR's snapshot.json (a hard link: a run kept costs no second copy of it).
            var kept = Path.Combine(staging, Snapshot);
            if (File.Exists(kept))
                File.Delete(kept);
            ReportFiles.LinkOrCopy(Path.Combine(outDir, Snapshot), kept);
            Directory.Move(staging, Path.Combine(Folder, name));
            if (becomesBase)
            {
                File.WriteAllText(Pointer + ".tmp", name + "\n");
                File.Move(Pointer + ".tmp", Pointer, overwrite: true);
            }
            Prune();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"imaudit: warning: this run is not kept in `{MessageText.Inline(Folder)}`: {MessageText.OneLine(e.Message)}");
        }
    }

    private void Prune()
    {
        var runs = Runs();
        var keepName = ReadPointer();
        var excess = runs.Count - keep;
        foreach (var run in runs.Where(r => r != keepName).Take(Math.Max(0, excess)))
            Directory.Delete(Path.Combine(Folder, run), recursive: true);
    }

    // Run folders, oldest first (their names sort by time); staging folders and stray files are not runs.
    private List<string> Runs() => Directory.Exists(Folder)
        ? [.. Directory.GetDirectories(Folder).Select(Path.GetFileName).OfType<string>().Where(IsRun).Order(StringComparer.Ordinal)]
        : [];

    private string? ReadPointer()
    {
        if (!File.Exists(Pointer))
            return null;
        var name = File.ReadAllText(Pointer).Trim();
        return IsRun(name) ? name : null;
    }

    private static bool IsRun(string name) =>
        name.Length >= 19 && DateTime.TryParseExact(name[..19], StampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        && (name.Length == 19 || name[19] == '-');
}
