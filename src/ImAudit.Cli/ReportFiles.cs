namespace ImAudit.Cli;

/// <summary>Writes report files all or nothing: each goes to a temporary name first and is moved into place.</summary>
internal static class ReportFiles
{
    public static void Write(string directory, IReadOnlyList<(string Name, byte[] Content)> files)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var staged = new List<(string Temp, string Final)>();
            foreach (var (name, content) in files)
            {
                var final = Path.Combine(directory, name);
                Directory.CreateDirectory(Path.GetDirectoryName(final)!);
                var temp = final + ".tmp-" + Environment.ProcessId;
                File.WriteAllBytes(temp, content);
                staged.Add((temp, final));
            }
            foreach (var (temp, final) in staged)
                File.Move(temp, final, overwrite: true);
            // Files a previous run wrote in the same subfolders (ASFF batches beyond this run's count) would mislead.
            var written = staged.Select(s => Path.GetFullPath(s.Final)).ToHashSet(StringComparer.Ordinal);
            foreach (var folder in files.Select(f => Path.GetDirectoryName(f.Name)).Where(d => !string.IsNullOrEmpty(d)).Distinct())
            {
                foreach (var stale in Directory.EnumerateFiles(Path.Combine(directory, folder!)).Where(f => !written.Contains(Path.GetFullPath(f))))
                    File.Delete(stale);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write the report to `{directory}`: {e.Message.TrimEnd('.')}");
        }
    }
}
