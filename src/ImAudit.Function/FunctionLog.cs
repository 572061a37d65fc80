using System.Text.Json;

namespace ImAudit.Function;

/// <summary>
/// Logs to stdout the way Lambda reads them: plain lines, or one JSON object per line when
/// <c>AWS_LAMBDA_LOG_FORMAT</c> is <c>JSON</c>. EMF metric lines are written as they are in either format.
/// </summary>
internal sealed class FunctionLog(TextWriter output, bool json)
{
    public string? RequestId { get; set; }

    public void Write(string level, string message)
    {
        if (level == "METRICS")
        {
            output.WriteLine(message);
            return;
        }
        if (!json)
        {
            output.WriteLine($"{level} {(RequestId is null ? "" : RequestId + " ")}{Engine.MessageText.OneLine(message)}");
            return;
        }
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("level", level);
            w.WriteString("message", message);
            if (RequestId is not null)
                w.WriteString("requestId", RequestId);
            w.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
