using System.Collections.Immutable;
using System.Text.Json;
using ImAudit.Engine.Json;

namespace ImAudit.Engine.Inventory;

/// <summary>
/// <c>inventory.json</c>: the versioned JSON form of <see cref="AccountInventory"/> (schema: docs/inventory.md).
/// Written and read without reflection (<see cref="InputFile"/> reads it). Policy documents that are valid JSON are
/// embedded as objects, others (URL-encoded, malformed) as strings, so nothing is lost either way.
/// </summary>
public static class InventoryJson
{
    public static byte[] Write(AccountInventory inventory) =>
        Whole.Bytes(stream => Write(stream, inventory));

    /// <summary>The inventory written straight to <paramref name="destination"/>.</summary>
    public static void Write(Stream destination, AccountInventory inventory)
    {
        using var w = new Utf8JsonWriter(destination, JsonFormats.Readable);
        InventoryWriter.Write(w, inventory);
    }

    internal static bool Recognises(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("schemaVersion", out _) && root.TryGetProperty("accountId", out _);

    internal static ImportResult Read(ReadOnlyMemory<byte> json, string source) => JsonInput.Read(json, source, Read);

    internal static ImportResult Read(JsonElement root, string source)
    {
        if (!Recognises(root))
            return new ImportResult(null, $"`{MessageText.Whole(source)}` is not an ImAudit inventory (no `schemaVersion` and `accountId`)", []);
        if (root.Text("schemaVersion") != AccountInventory.SchemaVersion)
            return new ImportResult(null, $"`{MessageText.Whole(source)}` has inventory schema version `{MessageText.Inline(root.Text("schemaVersion") ?? "")}`; this ImAudit reads version {AccountInventory.SchemaVersion}", []);
        return new ImportResult(InventoryReader.Read(root, source), null, []);
    }
}

internal static class InventoryReader
{
    public static AccountInventory Read(JsonElement r, string source) => new(
        r.Text("accountId") ?? "",
        r.Text("partition") ?? "aws",
        r.Strings("regions"),
        [.. r.Array("users").Select(u => new IamUser(u.Text("name") ?? "", u.Text("arn") ?? "", u.Text("path") ?? "/", Inline(u), Attached(u), u.Strings("groups"), u.Text("permissionsBoundary"), u.Tags("tags")))],
        [.. r.Array("groups").Select(g => new IamGroup(g.Text("name") ?? "", g.Text("arn") ?? "", g.Text("path") ?? "/", Inline(g), Attached(g)))],
        [.. r.Array("roles").Select(x => new IamRole(x.Text("name") ?? "", x.Text("arn") ?? "", x.Text("path") ?? "/", x.Document("trustPolicy"), Inline(x), Attached(x), x.Text("permissionsBoundary"), x.Tags("tags")))],
        [.. r.Array("policies").Select(p => new ManagedPolicy(p.Text("name") ?? "", p.Text("arn") ?? "", p.Text("path") ?? "/", p.Text("defaultVersionId") ?? "",
            [.. p.Array("versions").Select(v => new PolicyVersion(v.Text("versionId") ?? "", v.Flag("isDefault"), v.Document("document") ?? "", v.Date("createDate")))]))],
        [.. r.Array("responsePlans").Select(p => new ResponsePlan(p.Text("arn") ?? "", p.Text("name") ?? "", p.Text("displayName"),
            [.. p.Array("actions").Select(a => new RunbookAction(a.Text("documentName") ?? "", a.Text("roleArn") ?? "", a.Text("targetAccount")))],
            p.Strings("engagements"), p.Strings("chatChannelTopics"),
            [.. p.Array("resourcePolicies").Select(rp => new ResourcePolicy(rp.Text("policyId") ?? "", rp.Document("document") ?? "", rp.Text("ramResourceShareRegion")))]))],
        [.. r.Array("contacts").Select(c => new Contact(c.Text("arn") ?? "", c.Text("alias") ?? "", c.Text("type") ?? "", c.Text("displayName"),
            [.. c.Array("stages").Select(s => new ContactStage(s.Number("durationInMinutes"), s.Strings("contactTargets"), s.Strings("channelTargets")))],
            c.Document("policy")))],
        r.TryGetProperty("replicationSet", out var rs) && rs.ValueKind == JsonValueKind.Object
            ? new ReplicationSet(rs.Text("arn") ?? "", rs.Text("status") ?? "", rs.Strings("regions"), rs.Flag("deletionProtected"))
            : null,
        [.. r.Array("collectionErrors").Select(e => new CollectionError(e.Text("service") ?? "", e.Text("operation") ?? "", e.Text("resource") ?? "", e.Text("code") ?? "", e.Text("message") ?? ""))],
        r.Text("source") ?? source,
        r.Date("collectedAt"));

    private static ImmutableArray<InlinePolicy> Inline(JsonElement e) =>
        [.. e.Array("inlinePolicies").Select(p => new InlinePolicy(p.Text("name") ?? "", p.Document("document") ?? ""))];

    private static ImmutableArray<AttachedPolicy> Attached(JsonElement e) =>
        [.. e.Array("attachedPolicies").Select(p => new AttachedPolicy(p.Text("name") ?? "", p.Text("arn") ?? ""))];
}
