using System.Collections.Immutable;
using System.Text.Json;

namespace ImAudit.Engine.Inventory;

/// <summary>
/// Reads the AWS CLI's <c>aws organizations describe-organization</c> (<c>{"Organization": {…}}</c>) and
/// <c>aws organizations list-accounts</c> (<c>{"Accounts": […]}</c>, or a list of such pages) outputs as they are.
/// <c>Status</c> is the deprecated twin of <c>State</c>: either is read, <c>State</c> first.
/// </summary>
internal static class OrganizationJson
{
    public static bool IsDescribeOrganization(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Organization", out var o) && o.ValueKind == JsonValueKind.Object;

    public static bool IsListAccounts(JsonElement root) =>
        Pages(root).Any() && Pages(root).All(p => p.TryGetProperty("Accounts", out var a) && a.ValueKind == JsonValueKind.Array);

    /// <summary>The organization's id, ARN and management account.</summary>
    public static Organization ReadOrganization(JsonElement root, Organization into)
    {
        var o = root.GetProperty("Organization");
        return into with { Id = Text(o, "Id") ?? into.Id, Arn = Text(o, "Arn") ?? into.Arn, ManagementAccountId = Text(o, "MasterAccountId") ?? into.ManagementAccountId };
    }

    /// <summary>The members of every page, added to those already known (an account listed twice keeps its first entry).</summary>
    public static Organization ReadAccounts(JsonElement root, Organization into)
    {
        var members = (into.Members ?? []).ToList();
        var known = members.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var account in Pages(root).SelectMany(p => p.GetProperty("Accounts").EnumerateArray()).Where(a => a.ValueKind == JsonValueKind.Object))
        {
            if (Text(account, "Id") is not { } id || !known.Add(id))
                continue;
            members.Add(new OrganizationMember(id, Text(account, "Name"), Text(account, "Email"), (Text(account, "State") ?? Text(account, "Status") ?? "").ToUpperInvariant()));
        }
        return into with { Members = [.. members.OrderBy(m => m.Id, StringComparer.Ordinal)] };
    }

    private static IEnumerable<JsonElement> Pages(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Object => [root],
        JsonValueKind.Array => root.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.Object),
        _ => [],
    };

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.Lenient() : null;
}
