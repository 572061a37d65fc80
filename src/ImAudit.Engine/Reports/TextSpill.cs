using System.Text;

namespace ImAudit.Engine.Reports;

/// <summary>
/// Markdown and HTML are composed in a small <see cref="StringBuilder"/> (culture-invariant formatting) that is
/// handed on to the destination writer whenever it fills: the page is never held whole.
/// </summary>
internal static class TextSpill
{
    private const int Threshold = 1 << 15;

    public static void SpillTo(this StringBuilder text, TextWriter? destination)
    {
        if (destination is null || text.Length < Threshold)
            return;
        Drain(text, destination);
    }

    public static void Drain(StringBuilder text, TextWriter destination)
    {
        foreach (var chunk in text.GetChunks())
            destination.Write(chunk.Span);
        text.Clear();
    }
}
