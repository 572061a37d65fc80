namespace ImAudit.Aws.IdentityManagement.Model;

// Request and response shapes of IAM GetAccountAuthorizationDetails, named as in the AWS SDK for .NET
// (Amazon.IdentityManagement.Model). Policy documents are kept as IAM returns them: URL-encoded JSON.

public sealed class GetAccountAuthorizationDetailsRequest
{
    /// <summary>Entity types to list (<c>User</c>, <c>Role</c>, <c>Group</c>, <c>LocalManagedPolicy</c>, <c>AWSManagedPolicy</c>); empty for all.</summary>
    public IReadOnlyList<string> Filter { get; init; } = [];

    public string? Marker { get; init; }

    public int? MaxItems { get; init; }
}

public sealed class GetAccountAuthorizationDetailsResponse
{
    public IReadOnlyList<UserDetail> UserDetailList { get; init; } = [];

    public IReadOnlyList<GroupDetail> GroupDetailList { get; init; } = [];

    public IReadOnlyList<RoleDetail> RoleDetailList { get; init; } = [];

    public IReadOnlyList<ManagedPolicyDetail> Policies { get; init; } = [];

    public bool IsTruncated { get; init; }

    public string? Marker { get; init; }
}

public sealed class PolicyDetail
{
    public string PolicyName { get; init; } = "";

    public string PolicyDocument { get; init; } = "";
}

public sealed class AttachedPolicyType
{
    public string PolicyName { get; init; } = "";

    public string PolicyArn { get; init; } = "";
}

public sealed class AttachedPermissionsBoundary
{
    public string PermissionsBoundaryArn { get; init; } = "";

    public string PermissionsBoundaryType { get; init; } = "";
}

public sealed class Tag
{
    public string Key { get; init; } = "";

    public string Value { get; init; } = "";
}

public sealed class UserDetail
{
    public string UserName { get; init; } = "";

    public string UserId { get; init; } = "";

    public string Arn { get; init; } = "";

    public string Path { get; init; } = "/";

    public DateTime? CreateDate { get; init; }

    public IReadOnlyList<PolicyDetail> UserPolicyList { get; init; } = [];

    public IReadOnlyList<string> GroupList { get; init; } = [];

    public IReadOnlyList<AttachedPolicyType> AttachedManagedPolicies { get; init; } = [];

    public AttachedPermissionsBoundary? PermissionsBoundary { get; init; }

    public IReadOnlyList<Tag> Tags { get; init; } = [];
}

public sealed class GroupDetail
{
    public string GroupName { get; init; } = "";

    public string GroupId { get; init; } = "";

    public string Arn { get; init; } = "";

    public string Path { get; init; } = "/";

    public DateTime? CreateDate { get; init; }

    public IReadOnlyList<PolicyDetail> GroupPolicyList { get; init; } = [];

    public IReadOnlyList<AttachedPolicyType> AttachedManagedPolicies { get; init; } = [];
}

public sealed class RoleDetail
{
    public string RoleName { get; init; } = "";

    public string RoleId { get; init; } = "";

    public string Arn { get; init; } = "";

    public string Path { get; init; } = "/";

    public DateTime? CreateDate { get; init; }

    public string? AssumeRolePolicyDocument { get; init; }

    public IReadOnlyList<PolicyDetail> RolePolicyList { get; init; } = [];

    public IReadOnlyList<AttachedPolicyType> AttachedManagedPolicies { get; init; } = [];

    public AttachedPermissionsBoundary? PermissionsBoundary { get; init; }

    public IReadOnlyList<Tag> Tags { get; init; } = [];
}

public sealed class PolicyVersion
{
    public string? Document { get; init; }

    public string VersionId { get; init; } = "";

    public bool IsDefaultVersion { get; init; }

    public DateTime? CreateDate { get; init; }
}

public sealed class ManagedPolicyDetail
{
    public string PolicyName { get; init; } = "";

    public string PolicyId { get; init; } = "";

    public string Arn { get; init; } = "";

    public string Path { get; init; } = "/";

    public string DefaultVersionId { get; init; } = "";

    public int AttachmentCount { get; init; }

    public int PermissionsBoundaryUsageCount { get; init; }

    public bool IsAttachable { get; init; }

    public DateTime? CreateDate { get; init; }

    public DateTime? UpdateDate { get; init; }

    public IReadOnlyList<PolicyVersion> PolicyVersionList { get; init; } = [];
}

public sealed class GetRoleRequest
{
    public string RoleName { get; init; } = "";
}

public sealed class GetRoleResponse
{
    public Role Role { get; init; } = new();
}

public sealed class Role
{
    public string RoleName { get; init; } = "";

    public string RoleId { get; init; } = "";

    public string Arn { get; init; } = "";

    public string Path { get; init; } = "/";

    public string? AssumeRolePolicyDocument { get; init; }

    public AttachedPermissionsBoundary? PermissionsBoundary { get; init; }

    public IReadOnlyList<Tag> Tags { get; init; } = [];
}
