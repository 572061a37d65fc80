using ImAudit.Aws.Collection;

namespace ImAudit.Cli;

/// <summary>Collection progress on a terminal's stderr: one line, rewritten in place, erased when done.</summary>
internal sealed class TerminalProgress(TextWriter stderr) : IProgress<CollectionProgress>
{
    private readonly Lock _gate = new();

    public void Report(CollectionProgress value)
    {
        lock (_gate)
            stderr.Write($"\r\u001b[Kcollecting {value.Stage}: {value.Done}{(value.Total is { } t ? $"/{t}" : "")}");
    }

    public void Done()
    {
        lock (_gate)
            stderr.Write("\r\u001b[K");
    }
}
