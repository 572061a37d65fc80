using System.Globalization;
using System.Net;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;

namespace ImAudit.Aws.Runtime;

/// <summary>
/// The AWS query protocol (IAM, STS): <c>Action</c> and <c>Version</c> with the parameters as a form, and an XML
/// answer whose <c>&lt;OperationResult&gt;</c> element holds the output; lists are <c>&lt;member&gt;</c> elements.
/// </summary>
internal static class QueryProtocol
{
    public static async Task<XElement> CallAsync(AwsServiceCaller caller, string action, string version, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", version) };
        form.AddRange(parameters);
        var body = await caller.SendAsync(action, endpoint => new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(form),
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            var root = XDocument.Parse(System.Text.Encoding.UTF8.GetString(body)).Root;
            return root?.Elements().FirstOrDefault(e => e.Name.LocalName == action + "Result")
                ?? throw Malformed(caller, action, $"no <{action}Result> element");
        }
        catch (XmlException e)
        {
            throw Malformed(caller, action, $"not XML ({e.Message})");
        }
    }

    public static AmazonServiceException Malformed(AwsServiceCaller caller, string operation, string what) =>
        new($"{caller.Service} {operation} answered with a malformed body: {what}", ErrorType.Receiver, "MalformedResponse", null, HttpStatusCode.OK);

    public static XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public static IEnumerable<XElement> Members(XElement parent, string list) =>
        Child(parent, list)?.Elements().Where(e => e.Name.LocalName == "member") ?? [];

    public static string? Text(XElement parent, string name) => Child(parent, name)?.Value;

    public static bool Bool(XElement parent, string name) => Text(parent, name) is "true";

    public static int Int(XElement parent, string name) =>
        int.TryParse(Text(parent, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    public static DateTime? Date(XElement parent, string name) =>
        DateTime.TryParse(Text(parent, name), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value) ? value : null;
}
