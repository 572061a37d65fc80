using System.Text.Json;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Reports;

namespace ImAudit.Aws.Pipeline;

/// <summary>The stored state of the last complete run: its inventory and its report, side by side (schema version 1).</summary>
public static class Snapshot
{
    public const string SchemaVersion = "1";

    /// <summary>The fingerprints of the findings a stored snapshot's report holds (none when it cannot be read).</summary>
    public static HashSet<string> Fingerprints(byte[] snapshot)
    {
        try
        {
            using var document = JsonDocument.Parse(snapshot);
            return document.RootElement.TryGetProperty("report", out var report) && report.TryGetProperty("findings", out var findings)
                ? [.. findings.EnumerateArray().Select(f => f.TryGetProperty("fingerprint", out var p) ? p.GetString() : null).OfType<string>()]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static byte[] Write(AccountInventory inventory, AuditReport report)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("schemaVersion", SchemaVersion);
            w.WriteString("accountId", inventory.AccountId);
            w.WriteString("generatedAt", report.GeneratedAt);
            w.WritePropertyName("inventory");
            w.WriteRawValue(InventoryJson.Write(inventory));
            w.WritePropertyName("report");
            w.WriteRawValue(ReportJson.Write(report));
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
