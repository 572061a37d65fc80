using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Amazon.Runtime;

namespace ImAudit.Aws.Runtime;

/// <summary>Reads AWS error responses of each protocol into the SDK's <see cref="AmazonServiceException"/>.</summary>
internal static class AwsErrors
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "InternalServerError",
        "InternalServerException", "ServiceUnavailable", "ServiceUnavailableException",
    };

    public static bool IsThrottling(AmazonServiceException e) =>
        ThrottlingCodes.Contains(e.ErrorCode ?? "") || e.StatusCode == HttpStatusCode.TooManyRequests;

    /// <summary>Worth another attempt: throttled, a server-side failure, or a transient error code.</summary>
    public static bool IsRetryable(AmazonServiceException e) =>
        IsThrottling(e) || (int)e.StatusCode >= 500 || TransientCodes.Contains(e.ErrorCode ?? "");

    public static AmazonServiceException Read(AwsProtocol protocol, HttpStatusCode status, string? errorTypeHeader, string? requestId, byte[] body)
    {
        var (code, message) = protocol == AwsProtocol.Query ? FromXml(body, ref requestId) : FromJson(body, errorTypeHeader);
        code = string.IsNullOrEmpty(code) ? $"Http{(int)status}" : code;
        message = string.IsNullOrEmpty(message) ? $"HTTP {(int)status} {status}" : message;
        var type = (int)status >= 500 ? ErrorType.Receiver : ErrorType.Sender;
        return new AmazonServiceException(message, type, code, requestId, status);
    }

    // <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>
    private static (string? Code, string? Message) FromXml(byte[] body, ref string? requestId)
    {
        try
        {
            var root = XDocument.Parse(System.Text.Encoding.UTF8.GetString(body)).Root;
            var error = root?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            requestId ??= root?.Descendants().FirstOrDefault(e => e.Name.LocalName == "RequestId")?.Value;
            return (Child(error, "Code"), Child(error, "Message"));
        }
        catch (System.Xml.XmlException)
        {
            return (null, null);
        }
    }

    // The type comes from x-amzn-ErrorType or __type (either may carry a namespace `…#Code` or a suffix `Code:…`).
    private static (string? Code, string? Message) FromJson(byte[] body, string? errorTypeHeader)
    {
        string? type = errorTypeHeader;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                        continue;
                    if (property.NameEquals("__type") || property.NameEquals("code"))
                        type ??= property.Value.GetString();
                    else if (property.Name.Equals("message", StringComparison.OrdinalIgnoreCase))
                        message = property.Value.GetString();
                }
            }
        }
        catch (JsonException)
        {
        }
        if (type is not null)
        {
            type = type.Split(':')[0];
            type = type[(type.LastIndexOf('#') + 1)..];
        }
        return (type, message);
    }

    private static string? Child(XElement? parent, string name) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
}
