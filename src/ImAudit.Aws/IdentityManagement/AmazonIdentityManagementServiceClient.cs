using System.Globalization;
using System.Xml.Linq;
using ImAudit.Aws.IdentityManagement.Model;
using ImAudit.Aws.Runtime;

namespace ImAudit.Aws.IdentityManagement;

/// <summary>IAM over its query protocol: form-encoded <c>POST /</c>, XML answers (API version 2010-05-08).</summary>
public sealed class AmazonIdentityManagementServiceClient(AwsClientSettings settings) : IAmazonIdentityManagementService
{
    private const string ApiVersion = "2010-05-08";
    private readonly AwsServiceCaller _caller = new(settings, "iam", AwsProtocol.Query);

    public async Task<GetAccountAuthorizationDetailsResponse> GetAccountAuthorizationDetailsAsync(GetAccountAuthorizationDetailsRequest request, CancellationToken cancellationToken = default)
    {
        var form = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < request.Filter.Count; i++)
            form.Add(new($"Filter.member.{i + 1}", request.Filter[i]));
        if (request.Marker is not null)
            form.Add(new("Marker", request.Marker));
        if (request.MaxItems is { } max)
            form.Add(new("MaxItems", max.ToString(CultureInfo.InvariantCulture)));
        var result = await QueryProtocol.CallAsync(_caller, "GetAccountAuthorizationDetails", ApiVersion, form, cancellationToken).ConfigureAwait(false);
        return new GetAccountAuthorizationDetailsResponse
        {
            UserDetailList = [.. Members(result, "UserDetailList").Select(ReadUser)],
            GroupDetailList = [.. Members(result, "GroupDetailList").Select(ReadGroup)],
            RoleDetailList = [.. Members(result, "RoleDetailList").Select(ReadRole)],
            Policies = [.. Members(result, "Policies").Select(ReadPolicy)],
            IsTruncated = QueryProtocol.Bool(result, "IsTruncated"),
            Marker = QueryProtocol.Text(result, "Marker"),
        };
    }

    public async Task<GetRoleResponse> GetRoleAsync(GetRoleRequest request, CancellationToken cancellationToken = default)
    {
        var result = await QueryProtocol.CallAsync(_caller, "GetRole", ApiVersion, [new("RoleName", request.RoleName)], cancellationToken).ConfigureAwait(false);
        var role = QueryProtocol.Child(result, "Role") ?? throw QueryProtocol.Malformed(_caller, "GetRole", "no <Role> element");
        return new GetRoleResponse
        {
            Role = new Role
            {
                RoleName = QueryProtocol.Text(role, "RoleName") ?? "",
                RoleId = QueryProtocol.Text(role, "RoleId") ?? "",
                Arn = QueryProtocol.Text(role, "Arn") ?? "",
                Path = QueryProtocol.Text(role, "Path") ?? "/",
                AssumeRolePolicyDocument = QueryProtocol.Text(role, "AssumeRolePolicyDocument"),
                PermissionsBoundary = ReadBoundary(role),
                Tags = [.. Members(role, "Tags").Select(ReadTag)],
            },
        };
    }

    private static UserDetail ReadUser(XElement e) => new()
    {
        UserName = QueryProtocol.Text(e, "UserName") ?? "",
        UserId = QueryProtocol.Text(e, "UserId") ?? "",
        Arn = QueryProtocol.Text(e, "Arn") ?? "",
        Path = QueryProtocol.Text(e, "Path") ?? "/",
        CreateDate = QueryProtocol.Date(e, "CreateDate"),
        UserPolicyList = [.. Members(e, "UserPolicyList").Select(ReadPolicyDetail)],
        GroupList = [.. Members(e, "GroupList").Select(m => m.Value)],
        AttachedManagedPolicies = [.. Members(e, "AttachedManagedPolicies").Select(ReadAttached)],
        PermissionsBoundary = ReadBoundary(e),
        Tags = [.. Members(e, "Tags").Select(ReadTag)],
    };

    private static GroupDetail ReadGroup(XElement e) => new()
    {
        GroupName = QueryProtocol.Text(e, "GroupName") ?? "",
        GroupId = QueryProtocol.Text(e, "GroupId") ?? "",
        Arn = QueryProtocol.Text(e, "Arn") ?? "",
        Path = QueryProtocol.Text(e, "Path") ?? "/",
        CreateDate = QueryProtocol.Date(e, "CreateDate"),
        GroupPolicyList = [.. Members(e, "GroupPolicyList").Select(ReadPolicyDetail)],
        AttachedManagedPolicies = [.. Members(e, "AttachedManagedPolicies").Select(ReadAttached)],
    };

    private static RoleDetail ReadRole(XElement e) => new()
    {
        RoleName = QueryProtocol.Text(e, "RoleName") ?? "",
        RoleId = QueryProtocol.Text(e, "RoleId") ?? "",
        Arn = QueryProtocol.Text(e, "Arn") ?? "",
        Path = QueryProtocol.Text(e, "Path") ?? "/",
        CreateDate = QueryProtocol.Date(e, "CreateDate"),
        AssumeRolePolicyDocument = QueryProtocol.Text(e, "AssumeRolePolicyDocument"),
        RolePolicyList = [.. Members(e, "RolePolicyList").Select(ReadPolicyDetail)],
        AttachedManagedPolicies = [.. Members(e, "AttachedManagedPolicies").Select(ReadAttached)],
        PermissionsBoundary = ReadBoundary(e),
        Tags = [.. Members(e, "Tags").Select(ReadTag)],
    };

    private static ManagedPolicyDetail ReadPolicy(XElement e) => new()
    {
        PolicyName = QueryProtocol.Text(e, "PolicyName") ?? "",
        PolicyId = QueryProtocol.Text(e, "PolicyId") ?? "",
        Arn = QueryProtocol.Text(e, "Arn") ?? "",
        Path = QueryProtocol.Text(e, "Path") ?? "/",
        DefaultVersionId = QueryProtocol.Text(e, "DefaultVersionId") ?? "",
        AttachmentCount = QueryProtocol.Int(e, "AttachmentCount"),
        PermissionsBoundaryUsageCount = QueryProtocol.Int(e, "PermissionsBoundaryUsageCount"),
        IsAttachable = QueryProtocol.Bool(e, "IsAttachable"),
        CreateDate = QueryProtocol.Date(e, "CreateDate"),
        UpdateDate = QueryProtocol.Date(e, "UpdateDate"),
        PolicyVersionList = [.. Members(e, "PolicyVersionList").Select(v => new PolicyVersion
        {
            Document = QueryProtocol.Text(v, "Document"),
            VersionId = QueryProtocol.Text(v, "VersionId") ?? "",
            IsDefaultVersion = QueryProtocol.Bool(v, "IsDefaultVersion"),
            CreateDate = QueryProtocol.Date(v, "CreateDate"),
        })],
    };

    private static PolicyDetail ReadPolicyDetail(XElement e) =>
        new() { PolicyName = QueryProtocol.Text(e, "PolicyName") ?? "", PolicyDocument = QueryProtocol.Text(e, "PolicyDocument") ?? "" };

    private static AttachedPolicyType ReadAttached(XElement e) =>
        new() { PolicyName = QueryProtocol.Text(e, "PolicyName") ?? "", PolicyArn = QueryProtocol.Text(e, "PolicyArn") ?? "" };

    private static Tag ReadTag(XElement e) => new() { Key = QueryProtocol.Text(e, "Key") ?? "", Value = QueryProtocol.Text(e, "Value") ?? "" };

    private static AttachedPermissionsBoundary? ReadBoundary(XElement e) =>
        QueryProtocol.Child(e, "PermissionsBoundary") is { } b && QueryProtocol.Text(b, "PermissionsBoundaryArn") is { } arn
            ? new() { PermissionsBoundaryArn = arn, PermissionsBoundaryType = QueryProtocol.Text(b, "PermissionsBoundaryType") ?? "" }
            : null;

    private static IEnumerable<XElement> Members(XElement parent, string list) => QueryProtocol.Members(parent, list);

    public void Dispose() => _caller.Dispose();
}
