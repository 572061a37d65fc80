using System.Globalization;
using System.Text.Json;
using ImAudit.Engine.Json;

namespace ImAudit.Engine.Inventory;

internal static class InventoryWriter
{
    public static void Write(Utf8JsonWriter w, AccountInventory inv)
    {
        w.WriteStartObject();
        w.WriteString("schemaVersion", AccountInventory.SchemaVersion);
        w.WriteString("accountId", inv.AccountId);
        w.WriteString("partition", inv.Partition);
        Strings(w, "regions", inv.Regions);
        if (inv.Source is not null) w.WriteString("source", inv.Source);
        if (inv.CollectedAt is { } at) w.WriteString("collectedAt", at.ToString("O", CultureInfo.InvariantCulture));
        Array(w, "users", inv.Users, u =>
        {
            Principal(w, u.Name, u.Arn, u.Path);
            Strings(w, "groups", u.Groups);
            Policies(w, u.InlinePolicies, u.AttachedPolicies);
            if (u.PermissionsBoundaryArn is not null) w.WriteString("permissionsBoundary", u.PermissionsBoundaryArn);
            Tags(w, u.Tags);
        });
        Array(w, "groups", inv.Groups, g =>
        {
            Principal(w, g.Name, g.Arn, g.Path);
            Policies(w, g.InlinePolicies, g.AttachedPolicies);
        });
        Array(w, "roles", inv.Roles, r =>
        {
            Principal(w, r.Name, r.Arn, r.Path);
            if (r.TrustPolicy is not null) Document(w, "trustPolicy", r.TrustPolicy);
            Policies(w, r.InlinePolicies, r.AttachedPolicies);
            if (r.PermissionsBoundaryArn is not null) w.WriteString("permissionsBoundary", r.PermissionsBoundaryArn);
            Tags(w, r.Tags);
        });
        Array(w, "policies", inv.Policies, p =>
        {
            Principal(w, p.Name, p.Arn, p.Path);
            w.WriteString("defaultVersionId", p.DefaultVersionId);
            Array(w, "versions", p.Versions, v =>
            {
                w.WriteString("versionId", v.VersionId);
                w.WriteBoolean("isDefault", v.IsDefault);
                if (v.CreateDate is { } d) w.WriteString("createDate", d.ToString("O", CultureInfo.InvariantCulture));
                Document(w, "document", v.Document);
            });
        });
        Array(w, "responsePlans", inv.ResponsePlans, p =>
        {
            w.WriteString("arn", p.Arn);
            w.WriteString("name", p.Name);
            if (p.DisplayName is not null) w.WriteString("displayName", p.DisplayName);
            Array(w, "actions", p.Actions, a =>
            {
                w.WriteString("documentName", a.DocumentName);
                w.WriteString("roleArn", a.RoleArn);
                if (a.TargetAccount is not null) w.WriteString("targetAccount", a.TargetAccount);
            });
            Strings(w, "engagements", p.Engagements);
            Strings(w, "chatChannelTopics", p.ChatChannelTopics);
            Array(w, "resourcePolicies", p.ResourcePolicies, rp =>
            {
                w.WriteString("policyId", rp.PolicyId);
                if (rp.RamResourceShareRegion is not null) w.WriteString("ramResourceShareRegion", rp.RamResourceShareRegion);
                Document(w, "document", rp.Document);
            });
        });
        Array(w, "contacts", inv.Contacts, c =>
        {
            w.WriteString("arn", c.Arn);
            w.WriteString("alias", c.Alias);
            w.WriteString("type", c.Type);
            if (c.DisplayName is not null) w.WriteString("displayName", c.DisplayName);
            Array(w, "stages", c.Stages, s =>
            {
                w.WriteNumber("durationInMinutes", s.DurationInMinutes);
                Strings(w, "contactTargets", s.ContactTargets);
                Strings(w, "channelTargets", s.ChannelTargets);
            });
            if (c.Policy is not null) Document(w, "policy", c.Policy);
        });
        if (inv.ReplicationSet is { } rs)
        {
            w.WriteStartObject("replicationSet");
            w.WriteString("arn", rs.Arn);
            w.WriteString("status", rs.Status);
            Strings(w, "regions", rs.Regions);
            w.WriteBoolean("deletionProtected", rs.DeletionProtected);
            w.WriteEndObject();
        }
        Array(w, "collectionErrors", inv.CollectionErrors, e =>
        {
            w.WriteString("service", e.Service);
            w.WriteString("operation", e.Operation);
            w.WriteString("resource", e.Resource);
            w.WriteString("code", e.Code);
            w.WriteString("message", e.Message);
        });
        w.WriteEndObject();
    }

    private static void Principal(Utf8JsonWriter w, string name, string arn, string path)
    {
        w.WriteString("name", name);
        w.WriteString("arn", arn);
        w.WriteString("path", path);
    }

    private static void Policies(Utf8JsonWriter w, IEnumerable<InlinePolicy> inline, IEnumerable<AttachedPolicy> attached)
    {
        Array(w, "inlinePolicies", inline, p =>
        {
            w.WriteString("name", p.Name);
            Document(w, "document", p.Document);
        });
        Array(w, "attachedPolicies", attached, p =>
        {
            w.WriteString("name", p.Name);
            w.WriteString("arn", p.Arn);
        });
    }

    private static void Tags(Utf8JsonWriter w, IEnumerable<Tag> tags) =>
        Array(w, "tags", tags, t =>
        {
            w.WriteString("key", t.Key);
            w.WriteString("value", t.Value);
        });

    // Valid JSON objects are embedded (readable, diffable); anything else is kept verbatim as a string, and so is a
    // document escaping a lone surrogate, which the embedded form could not write back.
    private static void Document(Utf8JsonWriter w, string name, string text)
    {
        w.WritePropertyName(name);
        if (LoneSurrogates.In(text))
        {
            w.WriteStringValue(text);
            return;
        }
        try
        {
            // A document nested past what a policy may be (IMA107 says so) stays text: as an object it would make the
            // inventory, and the snapshot holding it, too deep to write or read back (issue 13, found by the fuzz test).
            using var parsed = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = JsonTree.MaxDepth });
            if (parsed.RootElement.ValueKind == JsonValueKind.Object)
            {
                parsed.RootElement.WriteTo(w);
                return;
            }
        }
        catch (JsonException)
        {
        }
        w.WriteStringValue(text);
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
            w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static void Array<T>(Utf8JsonWriter w, string name, IEnumerable<T> items, Action<T> body)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            body(item);
            w.WriteEndObject();
            w.FlushIfFull();
        }
        w.WriteEndArray();
    }
}
