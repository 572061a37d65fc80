using System.Text.Json;

namespace ImAudit.Engine.Json;

/// <summary>
/// A <see cref="Utf8JsonWriter"/> over a stream keeps everything it has written until it is flushed: writers of
/// long outputs (reports, snapshots) hand it on at each element, so what is held stays one buffer, not the file.
/// </summary>
internal static class StreamedWriting
{
    private const int Threshold = 1 << 16;

    public static void FlushIfFull(this Utf8JsonWriter w)
    {
        if (w.BytesPending >= Threshold)
            w.Flush();
    }
}
