namespace ImAudit.Engine.Tests.Reporting;

/// <summary>A destination that remembers its largest single write: a writer that streams never hands it a whole report.</summary>
internal sealed class RecordingStream : MemoryStream
{
    public int Largest { get; private set; }

    public override void Write(byte[] buffer, int offset, int count)
    {
        Largest = Math.Max(Largest, count);
        base.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Largest = Math.Max(Largest, buffer.Length);
        base.Write(buffer);
    }
}

/// <summary>The same for text.</summary>
internal sealed class RecordingText : StringWriter
{
    public int Largest { get; private set; }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Largest = Math.Max(Largest, buffer.Length);
        base.Write(buffer);
    }

    public override void Write(string? value)
    {
        Largest = Math.Max(Largest, value?.Length ?? 0);
        base.Write(value);
    }
}
