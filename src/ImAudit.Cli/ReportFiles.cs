using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace ImAudit.Cli;

/// <summary>
/// Writes a report set all or nothing: the whole set goes into a temporary sibling directory, which is then switched
/// in with one rename (Linux: an atomic exchange of the two directories), so the folder holds the previous set until
/// the switch and the new one after it, never a mix. Files in the folder that are not part of the set are carried
/// over. A process killed on the way leaves only its sibling directory, which the next write removes (or, if it was
/// killed between the two renames of the fallback, puts back).
/// </summary>
internal static class ReportFiles
{
    public static void Write(string directory, IReadOnlyList<(string Name, byte[] Content)> files) =>
        Write(directory, [.. files.Select(f => ReportFile.Bytes(f.Name, f.Content))]);

    /// <summary>
    /// Each file is written by its writer straight into the staging directory. The writers read one immutable report
    /// and write their own files, so they run side by side, one per core (the largest first, as the set lists them).
    /// </summary>
    public static void Write(string directory, IReadOnlyList<ReportFile> files)
    {
        string? staging = null;
        try
        {
            var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
            var parent = Path.GetDirectoryName(target) ?? throw new IOException("a root directory cannot be replaced");
            var name = Path.GetFileName(target);
            Directory.CreateDirectory(parent);
            ReportTemporaries.Recover(parent, name);
            staging = ReportTemporaries.Create(parent, name, "new");
            var into = staging;
            Parallel.ForEach(Partitioner.Create(files, EnumerablePartitionerOptions.NoBuffering), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
            {
                var path = Inside(into, file.Name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                file.Write(stream);
            });
            if (Directory.Exists(target))
                CarryOver(target, staging, files.Select(f => f.Name.Split('/', '\\')[0]).ToHashSet(StringComparer.Ordinal));
            Switch(staging, target, parent, name);
        }
        catch (AggregateException all) when (all.InnerExceptions.Count > 0 && all.InnerExceptions.All(IsWriteError))
        {
            throw Unwritable(directory, all.InnerExceptions[0]);
        }
        catch (Exception e) when (IsWriteError(e))
        {
            throw Unwritable(directory, e);
        }
        finally
        {
            if (staging is not null && Directory.Exists(staging))
                ReportTemporaries.Delete(staging);
        }
    }

    private static bool IsWriteError(Exception e) => e is IOException or UnauthorizedAccessException or ArgumentException;

    private static UsageException Unwritable(string directory, Exception e) =>
        new($"cannot write the report to `{Engine.MessageText.Inline(directory)}`: {Engine.MessageText.OneLine(e.Message).TrimEnd('.')}");

    private static string Inside(string root, string name)
    {
        var path = Path.GetFullPath(Path.Combine(root, name));
        return path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !name.Contains('\0', StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"report file `{Engine.MessageText.Inline(name)}` is not a plain relative name");
    }

    // What the folder holds besides the set (a README, other tools' files) stays. Entries the set writes are replaced
    // whole: a subfolder such as asff/ holds this run's files only. Temporaries of older versions are left behind.
    private static void CarryOver(string target, string staging, IReadOnlySet<string> replaced)
    {
        foreach (var entry in new DirectoryInfo(target).EnumerateFileSystemInfos())
        {
            if (replaced.Contains(entry.Name) || ReportTemporaries.IsStaleFile(entry.Name))
                continue;
            Copy(entry, Path.Combine(staging, entry.Name));
        }
    }

    private static void Copy(FileSystemInfo entry, string destination)
    {
        if (entry.LinkTarget is { } link)
        {
            File.CreateSymbolicLink(destination, link);
            return;
        }
        if (entry is FileInfo file)
        {
            // A hard link costs nothing whatever the size (the runs kept in history/ are carried on every write); the
            // old folder is deleted after the switch, so sharing the file with it is a move. Copied where links fail.
            LinkOrCopy(file.FullName, destination);
            return;
        }
        Directory.CreateDirectory(destination);
        foreach (var child in ((DirectoryInfo)entry).EnumerateFileSystemInfos())
            Copy(child, Path.Combine(destination, child.Name));
    }

    private static void Switch(string staging, string target, string parent, string name)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }
        if (Exchange(staging, target))
        {
            ReportTemporaries.Delete(staging);
            return;
        }
        // No atomic exchange (another OS or file system): two renames. Killed between them, the previous set waits
        // aside and the next write puts it back before anything else.
        var aside = ReportTemporaries.Name(parent, name, "old");
        Directory.Move(target, aside);
        Directory.Move(staging, target);
        ReportTemporaries.Delete(aside);
    }

    private static bool Exchange(string first, string second)
    {
        if (!OperatingSystem.IsLinux())
            return false;
        try
        {
            return NativeMethods.renameat2(NativeMethods.AtCurrentDirectory, Encoding.UTF8.GetBytes(first + "\0"), NativeMethods.AtCurrentDirectory,
                Encoding.UTF8.GetBytes(second + "\0"), NativeMethods.RenameExchange) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// <paramref name="destination"/> made the same file as <paramref name="existing"/>: a hard link where the file
    /// system allows one, else a copy. Safe because no report file is ever changed in place: each write makes new files.
    /// </summary>
    internal static void LinkOrCopy(string existing, string destination)
    {
        if (!HardLink(existing, destination))
            File.Copy(existing, destination);
    }

    private static bool HardLink(string existing, string link)
    {
        if (!OperatingSystem.IsLinux())
            return false;
        try
        {
            return NativeMethods.link(Encoding.UTF8.GetBytes(existing + "\0"), Encoding.UTF8.GetBytes(link + "\0")) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static class NativeMethods
    {
        public const int AtCurrentDirectory = -100;
        public const uint RenameExchange = 2;

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054, CA1401 // byte[] paths need no marshalling code; LibraryImport would need unsafe blocks for the project
        public static extern int renameat2(int oldDirectory, byte[] oldPath, int newDirectory, byte[] newPath, uint flags);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int link(byte[] existingPath, byte[] newPath);
#pragma warning restore SYSLIB1054, CA1401
    }
}
