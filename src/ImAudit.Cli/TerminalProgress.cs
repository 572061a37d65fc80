using ImAudit.Aws.Collection;

namespace ImAudit.Cli;

/// <summary>
/// Collection progress on a terminal's stderr: one line, rewritten in place, erased when done. Reports of one stage
/// come from concurrent readers, out of order: the line shows the highest count seen, so it never goes backwards.
/// </summary>
internal sealed class TerminalProgress(TextWriter stderr) : IProgress<CollectionProgress>
{
    private readonly Lock _gate = new();
    private string? _stage;
    private int _done;
    private int? _total;

    public void Report(CollectionProgress value)
    {
        lock (_gate)
        {
            if (value.Stage == _stage && value.Done <= _done && (value.Total ?? 0) <= (_total ?? 0))
                return;
            if (value.Stage != _stage)
                (_stage, _done, _total) = (value.Stage, 0, null);
            _done = Math.Max(_done, value.Done);
            _total = value.Total is { } t ? Math.Max(t, _total ?? 0) : _total;
            stderr.Write($"\r\u001b[Kcollecting {_stage}: {_done}{(_total is { } total ? $"/{total}" : "")}");
        }
    }

    public void Done()
    {
        lock (_gate)
            stderr.Write("\r\u001b[K");
    }
}
