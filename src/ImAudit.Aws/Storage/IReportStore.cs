namespace ImAudit.Aws.Storage;

/// <summary>An object read back: its bytes and the ETag a conditional replace must name.</summary>
public sealed record StoredReport(byte[] Body, string ETag);

/// <summary>How a write may proceed: only if nothing is there, only over the version read, or unconditionally.</summary>
public abstract record WriteCondition
{
    public static readonly WriteCondition CreateOnly = new OnlyIfAbsent();

    public static readonly WriteCondition Always = new Unconditional();

    public static WriteCondition ReplaceIf(string etag) => new OnlyIfUnchanged(etag);

    public sealed record OnlyIfAbsent : WriteCondition;

    public sealed record OnlyIfUnchanged(string ETag) : WriteCondition;

    public sealed record Unconditional : WriteCondition;
}

/// <summary>The outcome of a write: the new ETag, or that the condition did not hold (someone else wrote first).</summary>
public sealed record WriteResult(bool Written, string? ETag)
{
    public static WriteResult Lost { get; } = new(false, null);
}

/// <summary>Where reports and snapshots are kept (S3 in the function; tests use moto's S3 and the emulator's).</summary>
public interface IReportStore
{
    Task<StoredReport?> ReadAsync(string key, CancellationToken cancellationToken = default);

    Task<WriteResult> WriteAsync(string key, byte[] body, string contentType, WriteCondition condition, CancellationToken cancellationToken = default);

    /// <summary>
    /// A write whose body <paramref name="write"/> produces, under the same condition. The stores stream it to their
    /// destination; this fallback (for wrappers) holds it whole first.
    /// </summary>
    Task<WriteResult> WriteAsync(string key, Action<Stream> write, string contentType, WriteCondition condition, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        return WriteAsync(key, buffer.ToArray(), contentType, condition, cancellationToken);
    }

    Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default);
}
