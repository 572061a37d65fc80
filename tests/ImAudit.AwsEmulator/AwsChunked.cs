using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImAudit.AwsEmulator;

/// <summary>
/// S3's <c>aws-chunked</c> bodies: <c>size;chunk-signature=SIG\r\nDATA\r\n</c> … <c>0;chunk-signature=SIG\r\n\r\n</c>
/// (optionally trailers). Each chunk's signature chains from the request's (SigV4 streaming); verified here.
/// </summary>
public static class AwsChunked
{
    public const string Signed = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    public const string UnsignedWithTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    public const string SignedWithTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";

    /// <summary>The decoded payload, or null with the reason when the framing or a chunk signature is wrong.</summary>
    public static byte[]? Decode(byte[] body, bool signed, string secretKey, SigV4Scope scope, string amzDate, string seedSignature, out string? error)
    {
        error = null;
        var output = new MemoryStream();
        var previous = seedSignature;
        var position = 0;
        while (true)
        {
            var lineEnd = IndexOf(body, position);
            if (lineEnd < 0)
            {
                error = "aws-chunked body: a chunk header is not terminated";
                return null;
            }
            var header = Encoding.ASCII.GetString(body, position, lineEnd - position).Split(';');
            if (!int.TryParse(header[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size < 0 || lineEnd + 2 + size > body.Length)
            {
                error = $"aws-chunked body: bad chunk size `{header[0]}`";
                return null;
            }
            var data = body.AsSpan(lineEnd + 2, size);
            if (signed)
            {
                var claimed = header.Skip(1).Select(h => h.Split('=', 2)).FirstOrDefault(p => p[0] == "chunk-signature")?[1] ?? "";
                var stringToSign = string.Join("\n", "AWS4-HMAC-SHA256-PAYLOAD", amzDate, $"{scope.Date}/{scope.Region}/{scope.Service}/aws4_request",
                    previous, SigV4Verifier.Hex(SHA256.HashData([])), SigV4Verifier.Hex(SHA256.HashData(data)));
                var expected = SigV4Verifier.Sign(secretKey, scope, stringToSign);
                if (!SigV4Verifier.Same(expected, claimed))
                {
                    error = "aws-chunked body: a chunk signature does not match";
                    return null;
                }
                previous = expected;
            }
            output.Write(data);
            position = lineEnd + 2 + size;
            if (size == 0)
                return output.ToArray();
            if (position + 2 > body.Length || body[position] != '\r' || body[position + 1] != '\n')
            {
                error = "aws-chunked body: a chunk is not followed by CRLF";
                return null;
            }
            position += 2;
        }
    }

    private static int IndexOf(byte[] body, int from)
    {
        for (var i = from; i + 1 < body.Length; i++)
        {
            if (body[i] == '\r' && body[i + 1] == '\n')
                return i;
        }
        return -1;
    }
}
