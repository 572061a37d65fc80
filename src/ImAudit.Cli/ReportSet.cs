using System.Text;

namespace ImAudit.Cli;

/// <summary>
/// What a scan writes to <c>--out</c> (report.json, report.md, report.html, snapshot.json, asff/batch-NNN.json) and
/// prints with <c>--format</c>: one place for the account scan and the organization scan.
/// </summary>
internal sealed record ReportSet(byte[] Json, string Markdown, string Html, byte[] Snapshot, IReadOnlyList<byte[]> Asff)
{
    public void Write(string outDir) =>
        ReportFiles.Write(outDir, [("report.json", Json), ("report.md", Encoding.UTF8.GetBytes(Markdown)), ("report.html", Encoding.UTF8.GetBytes(Html)),
            ("snapshot.json", Snapshot), .. Asff.Select((batch, i) => ($"asff/batch-{i + 1:000}.json", batch))]);

    /// <summary>Prints the report in <paramref name="format"/>; false for <c>text</c>, whose summary the caller writes.</summary>
    public bool Print(string format, TextWriter stdout)
    {
        switch (format)
        {
            case "json":
                stdout.Write(Encoding.UTF8.GetString(Json));
                stdout.WriteLine();
                return true;
            case "md":
                stdout.Write(Markdown);
                return true;
            case "html":
                stdout.Write(Html);
                return true;
            case "asff":
                foreach (var batch in Asff)
                    stdout.WriteLine(Encoding.UTF8.GetString(batch));
                return true;
            default:
                return false;
        }
    }
}
