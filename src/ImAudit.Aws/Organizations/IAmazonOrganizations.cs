using ImAudit.Aws.Organizations.Model;

namespace ImAudit.Aws.Organizations;

/// <summary>The AWS Organizations operations ImAudit calls, named as in the AWS SDK for .NET.</summary>
public interface IAmazonOrganizations : IDisposable
{
    Task<ListAccountsResponse> ListAccountsAsync(ListAccountsRequest request, CancellationToken cancellationToken = default);

    Task<DescribeOrganizationResponse> DescribeOrganizationAsync(DescribeOrganizationRequest request, CancellationToken cancellationToken = default);
}
