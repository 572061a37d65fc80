using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace ImAudit.Engine.ManagedPolicies;

/// <summary>
/// Reads <c>managed-policies.bin</c> (format in tools/managed-policies/README.md): a first line naming the data, the
/// length of the index, the Brotli-compressed index, then one Brotli chunk per policy. The index is read once; a chunk is decoded
/// only when asked for, and only as far as the versions asked for (the newest come first).
/// </summary>
internal static class ManagedPolicyData
{
    private const string ResourceName = "ImAudit.Engine.managed-policies.bin";
    private const string Magic = "imaudit-managed-policies 1";

    public sealed record Index(ImmutableDictionary<string, ManagedPolicyEntry> Policies, long ChunksStart);

    /// <summary>The first line: what the data is and where it came from, read without decompressing anything.</summary>
    public static ManagedPolicyDataVersion ReadVersion()
    {
        using var stream = EmbeddedData.Open(ResourceName);
        return Header(stream).Version;
    }

    public static Index ReadIndex()
    {
        using var stream = EmbeddedData.Open(ResourceName);
        var (_, indexStart) = Header(stream);
        var length = new byte[4];
        stream.ReadExactly(length);
        var indexLength = BinaryPrimitives.ReadInt32LittleEndian(length);
        using var window = new MemoryStream(ReadAt(stream, indexStart + 4, indexLength), writable: false);
        using var reader = new StreamReader(new BrotliStream(window, CompressionMode.Decompress), Encoding.UTF8);
        return new Index(ParseIndex(reader), indexStart + 4 + indexLength);
    }

    private static (ManagedPolicyDataVersion Version, long End) Header(Stream stream)
    {
        var line = new List<byte>();
        for (int b; line.Count < 256 && (b = stream.ReadByte()) is >= 0 and not '\n';)
            line.Add((byte)b);
        var fields = Encoding.ASCII.GetString([.. line]).Split('\t');
        if (fields.Length != 4 || fields[0] != Magic)
            throw new InvalidDataException($"the embedded data file `{ResourceName}` is not managed-policy data version 1");
        return (new ManagedPolicyDataVersion(fields[1], fields[2], DateOnly.ParseExact(fields[3], "yyyy-MM-dd", CultureInfo.InvariantCulture)), line.Count + 1);
    }

    /// <summary>The text of the <paramref name="count"/> newest versions of <paramref name="policy"/>, newest first.</summary>
    public static ImmutableArray<string> ReadNewest(Index index, ManagedPolicyEntry policy, int count)
    {
        var wanted = policy.NewestFirst.Take(count).ToList();
        var end = wanted[^1].Offset + wanted[^1].Length;
        byte[] compressed;
        using (var stream = EmbeddedData.Open(ResourceName))
            compressed = ReadAt(stream, index.ChunksStart + policy.ChunkOffset, policy.ChunkLength);
        var text = ArrayPool<byte>.Shared.Rent(end);
        try
        {
            using var decoder = new BrotliDecoder();
            // The chunk is decoded only up to the last version wanted: the decoder stops when the buffer is full.
            var status = decoder.Decompress(compressed, text.AsSpan(0, end), out _, out var written);
            if (written != end || status is OperationStatus.InvalidData)
                throw new InvalidDataException($"the managed-policy data for `{policy.Name}` is damaged ({status}, {written} of {end} bytes)");
            return [.. wanted.Select(v => Encoding.UTF8.GetString(text, v.Offset, v.Length))];
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(text);
        }
    }

    private static byte[] ReadAt(Stream stream, long offset, int length)
    {
        stream.Position = offset;
        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static ImmutableDictionary<string, ManagedPolicyEntry> ParseIndex(TextReader reader)
    {
        var policies = ImmutableDictionary.CreateBuilder<string, ManagedPolicyEntry>(StringComparer.OrdinalIgnoreCase);
        string[]? policy = null;
        var versions = ImmutableArray.CreateBuilder<VersionEntry>();
        void Flush()
        {
            if (policy is not null)
                policies[policy[1]] = new ManagedPolicyEntry(policy[1], policy[2], Number(policy[3]), (int)Number(policy[4]), versions.ToImmutable());
            versions.Clear();
        }
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            var fields = line.Split('\t');
            if (fields[0] == "P")
            {
                Flush();
                policy = fields;
            }
            else
            {
                DateTimeOffset? date = fields[2].Length == 0 ? null : DateTimeOffset.Parse(fields[2], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                versions.Add(new VersionEntry(fields[1], date, (int)Number(fields[3]), (int)Number(fields[4])));
            }
        }
        Flush();
        return policies.ToImmutable();
    }

    private static long Number(string text) => long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}
