using ImAudit.Aws.Storage;

namespace ImAudit.Aws.Pipeline;

/// <summary>One file of a run's report set: its key under the run's folder, its bytes and content type.</summary>
public sealed record RunFile(string Key, byte[] Body, string ContentType);

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
            if ((await store.WriteAsync(file.Key, file.Body, file.ContentType, WriteCondition.CreateOnly, cancellationToken).ConfigureAwait(false)).Written)
                written.Add(file.Key);
            else
                log("WARN", $"`{file.Key}` already exists: another run wrote it; kept as it was and not claimed by this run");
        }
        return written;
    }
}
