using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ImAudit.Cli;

/// <summary>Writes one JSON object (with <c>schemaVersion</c>) to a text writer. No reflection: AOT-safe.</summary>
internal static class JsonOutput
{
    public const string SchemaVersion = "1";

    public static void Write(TextWriter output, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("schemaVersion", SchemaVersion);
            body(writer);
            writer.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
