using System.Text.Json;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Reports;

namespace ImAudit.Aws.Pipeline;

/// <summary>The stored state of the last complete run: its inventory and its report, side by side (schema version 1).</summary>
public static class Snapshot
{
    public const string SchemaVersion = "1";

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
