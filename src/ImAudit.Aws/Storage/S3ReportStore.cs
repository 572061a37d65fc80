using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace ImAudit.Aws.Storage;

/// <summary>
/// Reports in an S3 bucket with the official SDK. Writes are conditional where asked (<c>If-None-Match: *</c>,
/// <c>If-Match: etag</c>): two runs racing for the same object cannot both win, and the loser is told, not thrown at.
/// </summary>
public sealed class S3ReportStore(IAmazonS3 s3, string bucket) : IReportStore
{
    public async Task<StoredReport?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = ReportKey.Check(key) }, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return new StoredReport(buffer.ToArray(), response.ETag);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode is "NoSuchKey" or "NotFound")
        {
            return null;
        }
    }

    public Task<WriteResult> WriteAsync(string key, byte[] body, string contentType, WriteCondition condition, CancellationToken cancellationToken = default) =>
        PutAsync(key, new MemoryStream(body, writable: false), contentType, condition, cancellationToken);

    /// <summary>
    /// The body goes to a temporary file first, then up in one conditional PUT: a single PUT needs its length before
    /// it starts, and a multipart upload would not keep If-None-Match/If-Match semantics this simple. Memory holds a
    /// buffer, not the object.
    /// </summary>
    public async Task<WriteResult> WriteAsync(string key, Action<Stream> write, string contentType, WriteCondition condition, CancellationToken cancellationToken = default)
    {
        var spool = new FileStream(Path.Combine(Path.GetTempPath(), "imaudit-upload-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            1 << 16, FileOptions.DeleteOnClose);
        await using (spool.ConfigureAwait(false))
        {
            write(spool);
            spool.Position = 0;
            return await PutAsync(key, spool, contentType, condition, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<WriteResult> PutAsync(string key, Stream body, string contentType, WriteCondition condition, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = ReportKey.Check(key),
            InputStream = body,
            AutoCloseStream = false,
            ContentType = contentType,
            IfNoneMatch = condition is WriteCondition.OnlyIfAbsent ? "*" : null,
            IfMatch = condition is WriteCondition.OnlyIfUnchanged unchanged ? unchanged.ETag : null,
        };
        try
        {
            var response = await s3.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
            return new WriteResult(true, response.ETag);
        }
        // 412: the condition did not hold; 409: a concurrent conditional write is in flight. Either way, another won.
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict
            || (condition is WriteCondition.OnlyIfUnchanged && e.StatusCode == HttpStatusCode.NotFound))
        {
            return WriteResult.Lost;
        }
    }

    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, ContinuationToken = token }, cancellationToken).ConfigureAwait(false);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return keys;
    }
}
