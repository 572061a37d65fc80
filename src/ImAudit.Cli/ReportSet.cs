using System.Text;
using ImAudit.Aws.Storage;

namespace ImAudit.Cli;

/// <summary>One file of a report set: its name under <c>--out</c> and what writes it, straight to its destination.</summary>
internal sealed record ReportFile(string Name, Action<Stream> Write)
{
    public static ReportFile Bytes(string name, byte[] content) => new(name, stream => stream.Write(content));

    public static ReportFile Text(string name, Action<TextWriter> write) => new(name, ReportBody.Text(write));

    /// <summary>The file's text (printing it with <c>--format</c>).</summary>
    public string Content() => Encoding.UTF8.GetString(ReportBody.Bytes(Write));
}

/// <summary>
/// What a scan writes to <c>--out</c> (report.json, report.md, report.html, snapshot.json, asff/batch-NNN.json) and
/// prints with <c>--format</c>: one place for the account scan and the organization scan. Each file is written when
/// the set is, one at a time, so no output is held whole.
/// </summary>
internal sealed record ReportSet(ReportFile Json, ReportFile Markdown, ReportFile Html, ReportFile Snapshot, IReadOnlyList<ReportFile> Asff)
{
    /// <summary>The ASFF request bodies, each made when it is asked for (Security Hub's import).</summary>
    public IEnumerable<byte[]> AsffBatches => Asff.Select(batch => ReportBody.Bytes(batch.Write));

    public void Write(string outDir) => ReportFiles.Write(outDir, [Json, Markdown, Html, Snapshot, .. Asff]);

    /// <summary>Prints the report in <paramref name="format"/>; false for <c>text</c>, whose summary the caller writes.</summary>
    public bool Print(string format, TextWriter stdout)
    {
        switch (format)
        {
            case "json":
                stdout.Write(Json.Content());
                stdout.WriteLine();
                return true;
            case "md":
                stdout.Write(Markdown.Content());
                return true;
            case "html":
                stdout.Write(Html.Content());
                return true;
            case "asff":
                foreach (var batch in Asff)
                    stdout.WriteLine(batch.Content());
                return true;
            default:
                return false;
        }
    }

    public static string AsffName(int index) => $"asff/batch-{index + 1:000}.json";
}
