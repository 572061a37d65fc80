using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImAudit.Aws.Organizations.Model;

/// <summary>A JSON 1.1 timestamp: seconds since the Unix epoch, possibly fractional (a string is read as ISO 8601).</summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTime?>
{
    public override DateTime? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => DateTime.UnixEpoch.AddMilliseconds(Math.Round(reader.GetDouble() * 1000)),
        JsonTokenType.String when DateTime.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) => at,
        JsonTokenType.Null => null,
        _ => throw new JsonException($"a timestamp is a number of seconds, not a {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, DateTime? value, JsonSerializerOptions options)
    {
        if (value is { } at)
            writer.WriteNumberValue((at.ToUniversalTime() - DateTime.UnixEpoch).TotalSeconds);
        else
            writer.WriteNullValue();
    }
}
