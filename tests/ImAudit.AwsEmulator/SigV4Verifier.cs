using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImAudit.AwsEmulator;

/// <summary>The parts of a SigV4 <c>Authorization</c> header, and what the request was signed for.</summary>
public sealed record SigV4Scope(string AccessKey, string Date, string Region, string Service);

/// <summary>
/// Checks AWS Signature Version 4 the way AWS does, written from the specification independently of the SDK's
/// signer: canonical request, string to sign, derived key, constant-time comparison.
/// </summary>
public static class SigV4Verifier
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The scope of a well-formed header, or null with the reason.</summary>
    public static SigV4Scope? Parse(string? authorization, out string? error, out string[] signedHeaders, out string signature)
    {
        signedHeaders = [];
        signature = "";
        error = null;
        if (authorization is null || !authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            error = "the request is not signed with AWS4-HMAC-SHA256";
            return null;
        }
        var fields = authorization[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries)
            .Select(f => f.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var headers) || !fields.TryGetValue("Signature", out var sig))
        {
            error = "the Authorization header lacks Credential, SignedHeaders or Signature";
            return null;
        }
        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            error = $"malformed credential scope `{credential}`";
            return null;
        }
        signedHeaders = headers.Split(';');
        signature = sig;
        return new SigV4Scope(scope[0], scope[1], scope[2], scope[3]);
    }

    /// <summary>The signature the request should carry, given the secret key.</summary>
    public static string Expected(string secretKey, SigV4Scope scope, string amzDate, string method, string rawPath, string rawQuery,
        IReadOnlyList<(string Name, string Value)> headers, string[] signedHeaders, string payloadHash)
    {
        var canonicalHeaders = string.Concat(signedHeaders.Select(name =>
            name + ":" + string.Join(",", headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => Collapse(h.Value))) + "\n"));
        var canonical = string.Join("\n", method, CanonicalPath(rawPath, scope.Service), CanonicalQuery(rawQuery), canonicalHeaders, string.Join(";", signedHeaders), payloadHash);
        var stringToSign = string.Join("\n", Algorithm, amzDate, $"{scope.Date}/{scope.Region}/{scope.Service}/aws4_request", Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        return Sign(secretKey, scope, stringToSign);
    }

    /// <summary>HMAC of a string to sign with the key derived for the scope.</summary>
    public static string Sign(string secretKey, SigV4Scope scope, string stringToSign)
    {
        var key = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), scope.Date), scope.Region), scope.Service), "aws4_request");
        return Hex(Hmac(key, stringToSign));
    }

    public static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    // Every path segment URI-encoded (S3 paths are encoded once as sent; other services encode again).
    private static string CanonicalPath(string rawPath, string service)
    {
        var path = string.IsNullOrEmpty(rawPath) ? "/" : rawPath;
        if (service == "s3")
            return path;
        return string.Join("/", path.Split('/').Select(segment => Encode(Uri.UnescapeDataString(segment))).Select(Encode));
    }

    private static string CanonicalQuery(string rawQuery)
    {
        var query = rawQuery.TrimStart('?');
        if (query.Length == 0)
            return "";
        return string.Join("&", query.Split('&')
            .Select(p => p.Split('=', 2))
            .Select(p => (Key: Encode(Uri.UnescapeDataString(p[0].Replace('+', ' '))), Value: Encode(Uri.UnescapeDataString(p.Length > 1 ? p[1].Replace('+', ' ') : ""))))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
    }

    // RFC 3986 unreserved characters stay; everything else is %XX (upper case).
    private static string Encode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
                builder.Append(c);
            else
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    private static string Collapse(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
