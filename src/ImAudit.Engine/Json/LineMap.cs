namespace ImAudit.Engine.Json;

/// <summary>
/// Turns UTF-8 byte offsets into 1-based line and column (columns count characters, not bytes). The column at every
/// <see cref="Stride"/>-th byte is kept, so locating an offset reads at most that many bytes: a minified (one-line)
/// document with thousands of findings costs no more than a pretty-printed one.
/// </summary>
internal sealed class LineMap
{
    internal const int Stride = 256;
    private readonly byte[] _source;
    private readonly List<int> _lineStarts = [0];
    private readonly int[] _columnAt;

    public LineMap(byte[] source)
    {
        _source = source;
        _columnAt = new int[source.Length / Stride + 1];
        var column = 1;
        for (var i = 0; i < source.Length; i++)
        {
            if (i % Stride == 0)
                _columnAt[i / Stride] = column;
            if (source[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
                column = 1;
            }
            else if ((source[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }
        if (source.Length % Stride == 0)
            _columnAt[source.Length / Stride] = column;
    }

    public (int Line, int Column) Locate(int offset)
    {
        offset = Math.Clamp(offset, 0, _source.Length);
        var index = _lineStarts.BinarySearch(offset);
        if (index < 0)
            index = ~index - 1;
        return (index + 1, Column(_lineStarts[index], offset));
    }

    /// <summary>From the zero-based line and byte position System.Text.Json reports.</summary>
    public (int Line, int Column) FromLineAndByte(long line, long bytePosition)
    {
        var lineIndex = (int)Math.Clamp(line, 0, _lineStarts.Count - 1);
        var start = _lineStarts[lineIndex];
        var offset = (int)Math.Min(_source.Length, start + Math.Max(0, bytePosition));
        return (lineIndex + 1, Column(start, offset));
    }

    private int Column(int lineStart, int offset)
    {
        var checkpoint = offset / Stride * Stride;
        var (column, from) = checkpoint >= lineStart ? (_columnAt[checkpoint / Stride], checkpoint) : (1, lineStart);
        for (var i = from; i < offset; i++)
        {
            if ((_source[i] & 0xC0) != 0x80)
                column++;
        }
        return column;
    }
}
