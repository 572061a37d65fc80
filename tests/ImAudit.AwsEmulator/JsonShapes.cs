using System.Text.Json.Nodes;

namespace ImAudit.AwsEmulator;

internal static class JsonShapes
{
    /// <summary>Members that are null are left out, at every depth, as AWS leaves out absent members.</summary>
    public static JsonNode WithoutNulls(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Where(p => p.Value is null).Select(p => p.Key).ToList())
                    o.Remove(key);
                foreach (var (_, value) in o)
                    WithoutNulls(value!);
                break;
            case JsonArray a:
                foreach (var item in a.OfType<JsonNode>())
                    WithoutNulls(item);
                break;
        }
        return node;
    }
}
