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
                var temp = final + ".tmp-" + Environment.ProcessId;
                File.WriteAllBytes(temp, content);
                staged.Add((temp, final));
            }
            foreach (var (temp, final) in staged)
                File.Move(temp, final, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write the report to `{directory}`: {e.Message.TrimEnd('.')}");
        }
    }
}
