using System.Text;
using Microsoft.AspNetCore.Http;

namespace ImAudit.AwsEmulator;

/// <summary>One incoming request as a handler sees it: verified scope, operation, parameters, body.</summary>
public sealed record AwsRequest(SigV4Scope Scope, string Method, string Path, IQueryCollection Query, IHeaderDictionary Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The form parameters of a query-protocol request (IAM, STS).</summary>
    public Dictionary<string, string> Form() =>
        BodyText.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "", StringComparer.Ordinal);
}

/// <summary>What to send back.</summary>
public sealed record AwsReply(int Status, string ContentType, byte[] Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>The Content-Length to announce when it is not the body's (HeadObject announces the object's).</summary>
    public long? DeclaredLength { get; init; }

    public static AwsReply Xml(string xml, int status = 200) => new(status, "text/xml", Encoding.UTF8.GetBytes(xml));

    public static AwsReply Json(string json, string contentType = "application/json", int status = 200, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, contentType, Encoding.UTF8.GetBytes(json), headers);
}
