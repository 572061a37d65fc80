using ImAudit.Aws.Storage;
using ImAudit.Engine.Reports;

namespace ImAudit.Aws.Pipeline;

/// <summary>
/// Writes a run's report set (<see cref="ReportSet"/>, the engine's, shared with the CLI) into the run's folder of the
/// store, create-only: a key another run wrote first is kept as it was and not claimed. Each file is streamed to the
/// store by its writer, one at a time.
/// </summary>
public static class RunFiles
{
    /// <summary>The keys written (all of them on a dry run, which writes nothing); <paramref name="folder"/> ends with <c>/</c>.</summary>
    public static async Task<List<string>> WriteAsync(IReportStore store, string folder, ReportSet set, bool dryRun, Action<string, string> log, CancellationToken cancellationToken)
    {
        if (dryRun)
            return [.. set.Files.Select(f => folder + f.Name)];
        var written = new List<string>();
        foreach (var file in set.Files)
        {
            var key = folder + file.Name;
            if ((await store.WriteAsync(key, file.Write, file.ContentType, WriteCondition.CreateOnly, cancellationToken).ConfigureAwait(false)).Written)
                written.Add(key);
            else
                log("WARN", $"`{key}` already exists: another run wrote it; kept as it was and not claimed by this run");
        }
        return written;
    }
}
