using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ImAudit.Engine.Json;

/// <summary>
/// The two shapes of JSON ImAudit writes. <see cref="Readable"/> for what people open (report.json, the organization
/// report, inventories): indented, with arrays of scalars on one line (<see cref="WriteInline"/>), since a finding's
/// 60 action names one per line made a third of report.json whitespace. <see cref="Compact"/> for what only programs
/// read (snapshots, ASFF batches): no whitespace at all.
/// </summary>
internal static class JsonFormats
{
    public static readonly JsonWriterOptions Readable = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The value <paramref name="write"/> writes (an array of scalars), on one line when <paramref name="w"/> indents,
    /// as it is otherwise.
    /// </summary>
    public static void WriteInline<TState>(this Utf8JsonWriter w, TState state, Action<Utf8JsonWriter, TState> write)
    {
        if (!w.Options.Indented)
        {
            write(w, state);
            return;
        }
        var line = new ArrayBufferWriter<byte>(256);
        using (var inner = new Utf8JsonWriter(line, Compact))
            write(inner, state);
        w.WriteRawValue(line.WrittenSpan, skipInputValidation: true);
    }

    /// <summary>An array of strings, on one line when <paramref name="w"/> indents.</summary>
    public static void WriteStringsInline(this Utf8JsonWriter w, IEnumerable<string> values) =>
        w.WriteInline(values, static (w, values) =>
        {
            w.WriteStartArray();
            foreach (var value in values)
                w.WriteStringValue(value);
            w.WriteEndArray();
        });
}
