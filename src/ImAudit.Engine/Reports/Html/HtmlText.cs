using System.Net;
using System.Text;

namespace ImAudit.Engine.Reports.Html;

/// <summary>Text into HTML: escaped always; a message's backtick-quoted values as code spans.</summary>
internal static class HtmlText
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>
    /// A message as ImAudit writes them (quoted values in backticks, as in Markdown): each quoted value a
    /// <c>&lt;code&gt;</c>, everything escaped. An unpaired backtick stays text.
    /// </summary>
    public static string Message(string? message)
    {
        if (string.IsNullOrEmpty(message))
            return "";
        if (!message.Contains('`', StringComparison.Ordinal))
            return E(message);
        var parts = message.Split('`');
        if (parts.Length % 2 == 0)
            parts = [.. parts[..^2], parts[^2] + "`" + parts[^1]];
        var html = new StringBuilder(message.Length + 32);
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 0)
                html.Append(E(parts[i]));
            else if (parts[i].Length == 0)
                html.Append("``");
            else
                html.Append("<code>").Append(E(parts[i])).Append("</code>");
        }
        return html.ToString();
    }

    /// <summary>The last part of an ARN's resource (<c>role/ops/oncall</c> → <c>oncall</c>), for a label.</summary>
    public static string ShortName(string arn)
    {
        var resource = Arn.Parse(arn)?.Resource ?? arn;
        var slash = resource.LastIndexOf('/');
        return slash >= 0 && slash < resource.Length - 1 ? resource[(slash + 1)..] : resource;
    }

    /// <summary>True for an IAM user, role or group ARN: a principal.</summary>
    public static bool IsPrincipal(string arn) =>
        Arn.Parse(arn) is { Service: "iam", ResourceType: "user" or "role" or "group" };
}
