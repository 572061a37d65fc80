using System.Collections.Immutable;
using ImAudit.Aws.IdentityManagement.Model;
using ImAudit.Engine.Inventory;

namespace ImAudit.Aws.Collection;

/// <summary>IAM's authorization details (every page) as inventory records; policy documents URL-decoded.</summary>
internal static class IamInventory
{
    public static ImmutableArray<IamUser> Users(IEnumerable<GetAccountAuthorizationDetailsResponse> pages) =>
        [.. pages.SelectMany(p => p.UserDetailList).Select(u => new IamUser(u.UserName, u.Arn, u.Path, Inline(u.UserPolicyList),
            Attached(u.AttachedManagedPolicies), [.. u.GroupList], u.PermissionsBoundary?.PermissionsBoundaryArn, Tags(u.Tags)))];

    public static ImmutableArray<IamGroup> Groups(IEnumerable<GetAccountAuthorizationDetailsResponse> pages) =>
        [.. pages.SelectMany(p => p.GroupDetailList).Select(g => new IamGroup(g.GroupName, g.Arn, g.Path, Inline(g.GroupPolicyList), Attached(g.AttachedManagedPolicies)))];

    public static ImmutableArray<IamRole> Roles(IEnumerable<GetAccountAuthorizationDetailsResponse> pages) =>
        [.. pages.SelectMany(p => p.RoleDetailList).Select(r => new IamRole(r.RoleName, r.Arn, r.Path,
            r.AssumeRolePolicyDocument is null ? null : Decode(r.AssumeRolePolicyDocument), Inline(r.RolePolicyList),
            Attached(r.AttachedManagedPolicies), r.PermissionsBoundary?.PermissionsBoundaryArn, Tags(r.Tags)))];

    public static ImmutableArray<ManagedPolicy> Policies(IEnumerable<GetAccountAuthorizationDetailsResponse> pages) =>
        [.. pages.SelectMany(p => p.Policies).Select(p => new ManagedPolicy(p.PolicyName, p.Arn, p.Path, p.DefaultVersionId,
            [.. p.PolicyVersionList.Select(v => new Engine.Inventory.PolicyVersion(v.VersionId, v.IsDefaultVersion, Decode(v.Document ?? ""),
                v.CreateDate is { } d ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)) : null))]))];

    /// <summary>
    /// IAM returns documents percent-encoded (RFC 3986): decoded by the engine's decoder, which leaves a document
    /// with a broken encoding as it came, for the parser to report (IMA107) instead of silently mangling it.
    /// </summary>
    public static string Decode(string document) => Engine.Policies.PolicyParser.DecodeUrlEncoded(document);

    private static ImmutableArray<InlinePolicy> Inline(IEnumerable<PolicyDetail> policies) =>
        [.. policies.Select(p => new InlinePolicy(p.PolicyName, Decode(p.PolicyDocument)))];

    private static ImmutableArray<AttachedPolicy> Attached(IEnumerable<AttachedPolicyType> policies) =>
        [.. policies.Select(p => new AttachedPolicy(p.PolicyName, p.PolicyArn))];

    private static ImmutableArray<Engine.Inventory.Tag> Tags(IEnumerable<IdentityManagement.Model.Tag> tags) =>
        [.. tags.Select(t => new Engine.Inventory.Tag(t.Key, t.Value))];
}
