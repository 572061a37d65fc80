using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImAudit.Engine.Json;

namespace ImAudit.Engine.Tests.Policies;

/// <summary>
/// Line and column of a byte offset. Regression (issue 13): every location on a minified line rescanned the line
/// from its start (20k duplicate keys took 4.8 s minified, 0.14 s pretty-printed); columns now resume from a
/// checkpoint, and must agree with counting from the line start.
/// </summary>
public class LineMapTests
{
    private static (int Line, int Column) Naive(byte[] source, int offset)
    {
        var (line, column) = (1, 1);
        for (var i = 0; i < offset; i++)
        {
            if (source[i] == (byte)'\n')
                (line, column) = (line + 1, 1);
            else if ((source[i] & 0xC0) != 0x80)
                column++;
        }
        return (line, column);
    }

    private static readonly Gen<string> Texts =
        Gen.Elements("a", "{", "\"", "é", "€", "𝄞", "\n", "  ", "ssm-incidents:*")
            .ListOf().Select(parts => string.Concat(parts) + new string('x', parts.Count * 37 % 700));

    [Property(MaxTest = 300)]
    public Property Columns_agree_with_counting_from_the_line_start() =>
        Prop.ForAll(Texts.ToArbitrary(), Gen.Choose(0, 100_000).ToArbitrary(), (text, seed) =>
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var map = new LineMap(bytes);
            var offsets = new[] { 0, bytes.Length, seed % (bytes.Length + 1), LineMap.Stride, LineMap.Stride * 2 + 1 }.Where(o => o <= bytes.Length);
            return offsets.All(o => map.Locate(o) == Naive(bytes, o));
        });

    [Fact]
    public void A_long_minified_line_counts_characters_not_bytes_past_many_checkpoints()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("\"é€\",", 1000)) + "\n  x");

        var map = new LineMap(bytes);

        Assert.Equal((1, 5 * 999 + 2), map.Locate(Encoding.UTF8.GetByteCount(string.Concat(Enumerable.Repeat("\"é€\",", 999))) + 1));
        Assert.Equal((2, 3), map.Locate(bytes.Length - 1));
    }
}
