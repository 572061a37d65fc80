using ImAudit.Aws.Organizations.Model;
using ImAudit.Aws.Runtime;

namespace ImAudit.Aws.Organizations;

/// <summary>
/// AWS Organizations over AWS JSON 1.1: <c>POST /</c>, <c>X-Amz-Target: AWSOrganizationsV20161128.&lt;Operation&gt;</c>.
/// A global service: one endpoint per partition, signed for its home Region.
/// </summary>
public sealed class AmazonOrganizationsClient(AwsClientSettings settings) : IAmazonOrganizations
{
    private const string Target = "AWSOrganizationsV20161128";
    private readonly AwsServiceCaller _caller = new(settings, "organizations", AwsProtocol.Json);

    public Task<ListAccountsResponse> ListAccountsAsync(ListAccountsRequest request, CancellationToken cancellationToken = default) =>
        RestJsonProtocol.CallJsonAsync(_caller, Target, "ListAccounts", RestJsonProtocol.Body(request, OrganizationsJson.Default.ListAccountsRequest),
            OrganizationsJson.Default.ListAccountsResponse, cancellationToken);

    public Task<DescribeOrganizationResponse> DescribeOrganizationAsync(DescribeOrganizationRequest request, CancellationToken cancellationToken = default) =>
        RestJsonProtocol.CallJsonAsync(_caller, Target, "DescribeOrganization", RestJsonProtocol.Body(request, OrganizationsJson.Default.DescribeOrganizationRequest),
            OrganizationsJson.Default.DescribeOrganizationResponse, cancellationToken);

    public void Dispose() => _caller.Dispose();
}
