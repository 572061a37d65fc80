using System.Collections.Immutable;
using System.Text.Json;

namespace ImAudit.Engine.Inventory;

/// <summary>The result of reading an input file: the inventory, or why not, and what was skipped on the way.</summary>
internal sealed record ImportResult(AccountInventory? Inventory, string? Error, ImmutableArray<string> Skipped);

/// <summary>
/// Reads the output of <c>aws iam get-account-authorization-details</c> as is (the format Cloudsplaining and
/// others use): documents as JSON objects (AWS CLI) or URL-encoded strings (raw API). An entry missing its name is
/// named by its ARN; one missing its ARN is skipped and listed; the rest is kept.
/// </summary>
internal static class AuthorizationDetailsImporter
{
    private static readonly string[] Lists = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"];

    public static bool Recognises(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && Lists.Any(l => root.TryGetProperty(l, out var v) && v.ValueKind == JsonValueKind.Array);

    public static ImportResult Import(ReadOnlyMemory<byte> json, string source) => JsonInput.Read(json, source, Import);

    public static ImportResult Import(JsonElement root, string source)
    {
        if (!Recognises(root))
            return new ImportResult(null, $"`{MessageText.Whole(source)}` is not `aws iam get-account-authorization-details` output (no UserDetailList, GroupDetailList, RoleDetailList or Policies)", []);
        var skipped = ImmutableArray.CreateBuilder<string>();
        var users = Read(root, "UserDetailList", "UserName", skipped, (e, name, arn) => new IamUser(
            name, arn, e.Text("Path") ?? "/", Inline(e, "UserPolicyList"), Attached(e), e.Strings("GroupList"),
            Boundary(e), e.Tags()));
        var groups = Read(root, "GroupDetailList", "GroupName", skipped, (e, name, arn) => new IamGroup(
            name, arn, e.Text("Path") ?? "/", Inline(e, "GroupPolicyList"), Attached(e)));
        var roles = Read(root, "RoleDetailList", "RoleName", skipped, (e, name, arn) => new IamRole(
            name, arn, e.Text("Path") ?? "/", e.Document("AssumeRolePolicyDocument"), Inline(e, "RolePolicyList"), Attached(e),
            Boundary(e), e.Tags()));
        var policies = Read(root, "Policies", "PolicyName", skipped, (e, name, arn) => new ManagedPolicy(
            name, arn, e.Text("Path") ?? "/", e.Text("DefaultVersionId") ?? "",
            [.. e.Array("PolicyVersionList").Select(v => new PolicyVersion(v.Text("VersionId") ?? "", v.Flag("IsDefaultVersion"), v.Document("Document") ?? "", v.Date("CreateDate")))]));
        var arns = users.Select(u => u.Arn).Concat(groups.Select(g => g.Arn)).Concat(roles.Select(r => r.Arn)).Concat(policies.Where(p => !p.IsAwsManaged).Select(p => p.Arn));
        var first = arns.Select(Arn.Parse).FirstOrDefault(a => a is { HasAccountId: true });
        var inventory = new AccountInventory(first?.Account ?? "", first?.Partition ?? "aws", [], users, groups, roles, policies, [], [], null, [], source);
        return new ImportResult(inventory, null, skipped.ToImmutable());
    }

    private static ImmutableArray<T> Read<T>(JsonElement root, string list, string nameField, ImmutableArray<string>.Builder skipped, Func<JsonElement, string, string, T> create)
    {
        var result = ImmutableArray.CreateBuilder<T>();
        var index = 0;
        foreach (var e in root.Array(list))
        {
            // Some exporters (moto among them) leave the name out: an ARN names it as well (its last path segment).
            if (e.Text("Arn") is { } arn && (e.Text(nameField) ?? NameFromArn(arn)) is { } name)
                result.Add(create(e, name, arn));
            else
                skipped.Add($"/{list}/{index}: no `{nameField}` or `Arn`; entry skipped");
            index++;
        }
        return result.ToImmutable();
    }

    private static string? NameFromArn(string arn) =>
        Arn.Parse(arn) is { } parsed && parsed.Resource.Contains('/', StringComparison.Ordinal) && parsed.Name.Length > 0 ? parsed.Name : null;

    private static ImmutableArray<InlinePolicy> Inline(JsonElement e, string list) =>
        [.. e.Array(list).Select(p => new InlinePolicy(p.Text("PolicyName") ?? "", p.Document("PolicyDocument") ?? ""))];

    private static ImmutableArray<AttachedPolicy> Attached(JsonElement e) =>
        [.. e.Array("AttachedManagedPolicies").Select(p => new AttachedPolicy(p.Text("PolicyName") ?? "", p.Text("PolicyArn") ?? ""))];

    private static string? Boundary(JsonElement e) =>
        e.TryGetProperty("PermissionsBoundary", out var b) ? b.Text("PermissionsBoundaryArn") : null;
}
