using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;

namespace ImAudit.AwsEmulator;

/// <summary>
/// The S3 subset ImAudit uses, in memory, path-style: CreateBucket, PutObject (with <c>If-None-Match: *</c> and
/// <c>If-Match</c> conditional writes), GetObject, HeadObject, ListObjectsV2; S3's XML error shape.
/// </summary>
public sealed class S3Handler : IServiceHandler
{
    private static readonly XNamespace Ns = "http://s3.amazonaws.com/doc/2006-03-01/";
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, StoredObject>> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _writes = new();

    public sealed record StoredObject(byte[] Body, string ETag, string ContentType, DateTimeOffset LastModified);

    public string Service => "s3";

    public (string Code, int Status) Throttling => ("SlowDown", 503);

    public (string Code, int Status) AccessDenied => ("AccessDenied", 403);

    public void CreateBucket(string name) => _buckets.TryAdd(name, new(StringComparer.Ordinal));

    public IReadOnlyDictionary<string, StoredObject> Objects(string bucket) => _buckets.TryGetValue(bucket, out var objects) ? objects : new Dictionary<string, StoredObject>();

    public (string Operation, IReadOnlyCollection<string> Resources) Identify(AwsRequest request)
    {
        var (bucket, key) = Split(request.Path);
        var operation = (request.Method, key.Length > 0) switch
        {
            ("PUT", true) => "PutObject",
            ("GET", true) => "GetObject",
            ("HEAD", true) => "HeadObject",
            ("PUT", false) => "CreateBucket",
            ("GET", false) when request.Query["list-type"] == "2" => "ListObjectsV2",
            _ => $"{request.Method} {request.Path}",
        };
        return (operation, key.Length > 0 ? [$"{bucket}/{key}", bucket] : [bucket]);
    }

    public AwsReply Error(string code, string message, int status) => AwsReply.Xml(
        new XDocument(new XElement("Error", new XElement("Code", code), new XElement("Message", message), new XElement("RequestId", Guid.NewGuid().ToString("N")))).ToString(SaveOptions.DisableFormatting), status);

    public AwsReply Handle(AwsRequest request, string operation)
    {
        var (bucket, key) = Split(request.Path);
        if (operation == "CreateBucket")
        {
            CreateBucket(bucket);
            return new AwsReply(200, "application/xml", [], new Dictionary<string, string> { ["Location"] = "/" + bucket });
        }
        if (!_buckets.TryGetValue(bucket, out var objects))
            return Error("NoSuchBucket", $"The specified bucket `{bucket}` does not exist", 404);
        switch (operation)
        {
            case "PutObject":
                lock (_writes)
                {
                    objects.TryGetValue(key, out var existing);
                    if (request.Headers["If-None-Match"] == "*" && existing is not null)
                        return Error("PreconditionFailed", "At least one of the pre-conditions you specified did not hold (If-None-Match: the object exists)", 412);
                    if (request.Headers["If-Match"].ToString() is { Length: > 0 } match && (existing is null || match != existing.ETag))
                        return existing is null
                            ? Error("NoSuchKey", "The specified key does not exist (If-Match)", 404)
                            : Error("PreconditionFailed", "At least one of the pre-conditions you specified did not hold (If-Match: the ETag differs)", 412);
#pragma warning disable CA5351 // S3 ETags of single-part uploads are the MD5 of the body: compatibility, not security
                    var etag = "\"" + Convert.ToHexStringLower(MD5.HashData(request.Body)) + "\"";
#pragma warning restore CA5351
                    objects[key] = new StoredObject(request.Body, etag, request.Headers.ContentType.ToString() is { Length: > 0 } type ? type : "binary/octet-stream", DateTimeOffset.UtcNow);
                    return new AwsReply(200, "application/xml", [], new Dictionary<string, string> { ["ETag"] = etag });
                }
            case "GetObject" or "HeadObject":
                if (!objects.TryGetValue(key, out var stored))
                    return operation == "HeadObject" ? new AwsReply(404, "application/xml", []) : Error("NoSuchKey", "The specified key does not exist.", 404);
                var headers = new Dictionary<string, string>
                {
                    ["ETag"] = stored.ETag,
                    ["Last-Modified"] = stored.LastModified.ToString("r", CultureInfo.InvariantCulture),
                };
                return new AwsReply(200, stored.ContentType, operation == "HeadObject" ? [] : stored.Body, headers) { DeclaredLength = stored.Body.Length };
            case "ListObjectsV2":
            {
                var prefix = request.Query["prefix"].ToString();
                var max = int.TryParse(request.Query["max-keys"], CultureInfo.InvariantCulture, out var m) ? m : 1000;
                var after = request.Query["continuation-token"].ToString() is { Length: > 0 } token ? token : request.Query["start-after"].ToString();
                var keys = objects.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && string.CompareOrdinal(k, after) > 0).Order(StringComparer.Ordinal).ToList();
                var page = keys.Take(max).ToList();
                var truncated = keys.Count > page.Count;
                return AwsReply.Xml(new XDocument(new XElement(Ns + "ListBucketResult",
                    new XElement(Ns + "Name", bucket), new XElement(Ns + "Prefix", prefix), new XElement(Ns + "KeyCount", page.Count),
                    new XElement(Ns + "MaxKeys", max), new XElement(Ns + "IsTruncated", truncated ? "true" : "false"),
                    truncated ? new XElement(Ns + "NextContinuationToken", page[^1]) : null,
                    page.Select(k => new XElement(Ns + "Contents",
                        new XElement(Ns + "Key", k), new XElement(Ns + "LastModified", objects[k].LastModified.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)),
                        new XElement(Ns + "ETag", objects[k].ETag), new XElement(Ns + "Size", objects[k].Body.Length), new XElement(Ns + "StorageClass", "STANDARD"))))).ToString(SaveOptions.DisableFormatting));
            }
            default:
                return Error("NotImplemented", $"the emulator does not implement S3 `{operation}`", 501);
        }
    }

    private static (string Bucket, string Key) Split(string rawPath)
    {
        var path = rawPath.TrimStart('/');
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (Uri.UnescapeDataString(path), "") : (Uri.UnescapeDataString(path[..slash]), Uri.UnescapeDataString(path[(slash + 1)..]));
    }
}
