using System.Security.Cryptography;

namespace ImAudit.Aws.Storage;

/// <summary>
/// Reports in a local directory (<c>imaudit invoke</c> without a bucket), with the same conditional-write contract
/// as S3: the ETag is the content's digest; writes go through a temporary file and a rename.
/// </summary>
public sealed class DirectoryReportStore(string root) : IReportStore
{
    private static readonly Lock Gate = new();

    public Task<StoredReport?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        lock (Gate)
        {
            if (!File.Exists(path))
                return Task.FromResult<StoredReport?>(null);
            var body = File.ReadAllBytes(path);
            return Task.FromResult<StoredReport?>(new StoredReport(body, Quoted(SHA256.HashData(body))));
        }
    }

    public Task<WriteResult> WriteAsync(string key, byte[] body, string contentType, WriteCondition condition, CancellationToken cancellationToken = default) =>
        WriteAsync(key, stream => stream.Write(body), contentType, condition, cancellationToken);

    /// <summary>The body is written straight into the temporary file the rename then puts in place.</summary>
    public Task<WriteResult> WriteAsync(string key, Action<Stream> write, string contentType, WriteCondition condition, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        lock (Gate)
        {
            var exists = File.Exists(path);
            var holds = condition switch
            {
                WriteCondition.OnlyIfAbsent => !exists,
                WriteCondition.OnlyIfUnchanged u => exists && Quoted(SHA256.HashData(File.ReadAllBytes(path))) == u.ETag,
                _ => true,
            };
            if (!holds)
                return Task.FromResult(WriteResult.Lost);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
            string etag;
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                write(file);
                file.Position = 0;
                etag = Quoted(SHA256.HashData(file));
            }
            try
            {
                // Create-only holds across processes too: the rename refuses to replace a file that appeared meanwhile.
                File.Move(temporary, path, overwrite: condition is not WriteCondition.OnlyIfAbsent);
            }
            catch (IOException) when (condition is WriteCondition.OnlyIfAbsent && File.Exists(path))
            {
                File.Delete(temporary);
                return Task.FromResult(WriteResult.Lost);
            }
            return Task.FromResult(new WriteResult(true, etag));
        }
    }

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(root);
        IReadOnlyList<string> keys = Directory.Exists(full)
            ? [.. Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(full, f).Replace('\\', '/'))
                .Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && !k.Contains(".tmp-", StringComparison.Ordinal)).Order(StringComparer.Ordinal)]
            : [];
        return Task.FromResult(keys);
    }

    // A checked key cannot climb out, and the containment test compares whole path segments (root + separator),
    // so `../D-evil` is refused under the root `D` as well.
    private string PathOf(string key)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(full, ReportKey.Check(key)));
        return path.StartsWith(full, StringComparison.Ordinal) && path.Length > full.Length
            ? path
            : throw new ArgumentException($"report key `{Engine.MessageText.Inline(key)}` leaves the report directory");
    }

    // The content's SHA-256, its first 128 bits in hex and quoted, as S3 quotes its ETags.
    private static string Quoted(byte[] sha256) => "\"" + Convert.ToHexStringLower(sha256)[..32] + "\"";
}
