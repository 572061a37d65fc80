using ImAudit.Aws.IdentityManagement.Model;

namespace ImAudit.Aws.IdentityManagement;

/// <summary>The IAM operations ImAudit calls, named as in the AWS SDK for .NET.</summary>
public interface IAmazonIdentityManagementService : IDisposable
{
    Task<GetAccountAuthorizationDetailsResponse> GetAccountAuthorizationDetailsAsync(GetAccountAuthorizationDetailsRequest request, CancellationToken cancellationToken = default);

    Task<GetRoleResponse> GetRoleAsync(GetRoleRequest request, CancellationToken cancellationToken = default);
}
