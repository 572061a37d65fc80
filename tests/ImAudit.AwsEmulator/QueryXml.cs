using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace ImAudit.AwsEmulator;

/// <summary>Builds query-protocol (IAM, STS) answers and errors.</summary>
internal static class QueryXml
{
    public static AwsReply Result(XNamespace ns, string operation, params object[] content) => AwsReply.Xml(
        new XDocument(new XElement(ns + (operation + "Response"),
            new XElement(ns + (operation + "Result"), content),
            new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", RequestId())))).ToString(SaveOptions.DisableFormatting));

    public static AwsReply Error(XNamespace ns, string code, string message, int status) => AwsReply.Xml(
        new XDocument(new XElement(ns + "ErrorResponse",
            new XElement(ns + "Error", new XElement(ns + "Type", status >= 500 ? "Receiver" : "Sender"), new XElement(ns + "Code", code), new XElement(ns + "Message", message)),
            new XElement(ns + "RequestId", RequestId()))).ToString(SaveOptions.DisableFormatting), status);

    public static XElement Members(XNamespace ns, string name, IEnumerable<object> members) =>
        new(ns + name, members.Select(m => new XElement(ns + "member", m)));

    public static string Date(DateTimeOffset? date) => (date ?? DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture)).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>A stable IAM-style unique ID (prefix + 17 characters) derived from an ARN.</summary>
    public static string Id(string prefix, string arn) =>
        prefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(arn)))[..17];

    private static string RequestId() => Guid.NewGuid().ToString();
}
