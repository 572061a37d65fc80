using ImAudit.Aws.Storage;

namespace ImAudit.Aws.Pipeline;

/// <summary>One file of a run's report set: its key under the run's folder, what writes it, and its content type.</summary>
public sealed record RunFile(string Key, Action<Stream> Write, string ContentType)
{
    public RunFile(string key, byte[] body, string contentType) : this(key, stream => stream.Write(body), contentType)
    {
    }

    /// <summary>A text file, written through UTF-8 as it is composed.</summary>
    public static RunFile Text(string key, Action<TextWriter> write, string contentType) => new(key, ReportBody.Text(write), contentType);
}

/// <summary>Writes a run's files create-only: a key another run wrote first is kept as it was and not claimed.</summary>
public static class RunFiles
{
    /// <summary>The keys written (all of them on a dry run, which writes nothing).</summary>
    public static async Task<List<string>> WriteAsync(IReportStore store, IReadOnlyList<RunFile> files, bool dryRun, Action<string, string> log, CancellationToken cancellationToken)
    {
        if (dryRun)
            return [.. files.Select(f => f.Key)];
        var written = new List<string>();
        foreach (var file in files)
        {
            if ((await store.WriteAsync(file.Key, file.Write, file.ContentType, WriteCondition.CreateOnly, cancellationToken).ConfigureAwait(false)).Written)
                written.Add(file.Key);
            else
                log("WARN", $"`{file.Key}` already exists: another run wrote it; kept as it was and not claimed by this run");
        }
        return written;
    }
}
