using ImAudit.Engine.Reports;

namespace ImAudit.Cli;

/// <summary>
/// What a scan does with its report set (<see cref="ReportSet"/>, the engine's, shared with the function): writes it
/// to <c>--out</c> (report.json, report.md, report.html, snapshot.json, asff/batch-NNN.json) all or nothing, each file
/// straight into its place (<see cref="ReportFiles"/>), and prints one of its reports with <c>--format</c>.
/// </summary>
internal static class ReportOutput
{
    public static void Write(this ReportSet set, string outDir) => ReportFiles.Write(outDir, set.Files);

    /// <summary>Prints the report in <paramref name="format"/>; false for <c>text</c>, whose summary the caller writes.</summary>
    public static bool Print(this ReportSet set, string format, TextWriter stdout)
    {
        switch (format)
        {
            case "json":
                stdout.Write(set["report.json"].Content());
                stdout.WriteLine();
                return true;
            case "md":
                stdout.Write(set["report.md"].Content());
                return true;
            case "html":
                stdout.Write(set["report.html"].Content());
                return true;
            case "asff":
                foreach (var batch in set.AsffBatches)
                    stdout.WriteLine(batch.Content());
                return true;
            default:
                return false;
        }
    }
}
