using ImAudit.Aws.Runtime;
using ImAudit.Aws.SSMIncidents.Model;

namespace ImAudit.Aws.SSMIncidents;

/// <summary>SSM Incidents over rest-json: a method and path per operation, JSON bodies, some members in the query string.</summary>
public sealed class AmazonSSMIncidentsClient(AwsClientSettings settings) : IAmazonSSMIncidents
{
    private readonly AwsServiceCaller _caller = new(settings, "ssm-incidents", AwsProtocol.RestJson);

    public Task<ListReplicationSetsResponse> ListReplicationSetsAsync(ListReplicationSetsRequest request, CancellationToken cancellationToken = default) =>
        RestJsonProtocol.CallAsync(_caller, "ListReplicationSets", HttpMethod.Post, "/listReplicationSets", null,
            RestJsonProtocol.Body(new ListReplicationSetsRequest { MaxResults = request.MaxResults, NextToken = request.NextToken }, SSMIncidentsJson.Default.ListReplicationSetsRequest),
            SSMIncidentsJson.Default.ListReplicationSetsResponse, cancellationToken);

    public Task<GetReplicationSetResponse> GetReplicationSetAsync(GetReplicationSetRequest request, CancellationToken cancellationToken = default) =>
        RestJsonProtocol.CallAsync(_caller, "GetReplicationSet", HttpMethod.Get, "/getReplicationSet", [new("arn", request.Arn)], null,
            SSMIncidentsJson.Default.GetReplicationSetResponse, cancellationToken);

    public Task<ListResponsePlansResponse> ListResponsePlansAsync(ListResponsePlansRequest request, CancellationToken cancellationToken = default) =>
        RestJsonProtocol.CallAsync(_caller, "ListResponsePlans", HttpMethod.Post, "/listResponsePlans", null,
            RestJsonProtocol.Body(request, SSMIncidentsJson.Default.ListResponsePlansRequest),
            SSMIncidentsJson.Default.ListResponsePlansResponse, cancellationToken);

    public Task<GetResponsePlanResponse> GetResponsePlanAsync(GetResponsePlanRequest request, CancellationToken cancellationToken = default) =>
        RestJsonProtocol.CallAsync(_caller, "GetResponsePlan", HttpMethod.Get, "/getResponsePlan", [new("arn", request.Arn)], null,
            SSMIncidentsJson.Default.GetResponsePlanResponse, cancellationToken);

    // resourceArn travels in the query string; the paging members in the body.
    public Task<GetResourcePoliciesResponse> GetResourcePoliciesAsync(GetResourcePoliciesRequest request, CancellationToken cancellationToken = default) =>
        RestJsonProtocol.CallAsync(_caller, "GetResourcePolicies", HttpMethod.Post, "/getResourcePolicies", [new("resourceArn", request.ResourceArn)],
            RestJsonProtocol.Body(new GetResourcePoliciesRequest { MaxResults = request.MaxResults, NextToken = request.NextToken }, SSMIncidentsJson.Default.GetResourcePoliciesRequest, "resourceArn"),
            SSMIncidentsJson.Default.GetResourcePoliciesResponse, cancellationToken);

    public void Dispose() => _caller.Dispose();
}
