using ImAudit.Aws.SSMIncidents.Model;

namespace ImAudit.Aws.SSMIncidents;

/// <summary>The SSM Incidents operations ImAudit calls, named as in the AWS SDK for .NET.</summary>
public interface IAmazonSSMIncidents : IDisposable
{
    Task<ListReplicationSetsResponse> ListReplicationSetsAsync(ListReplicationSetsRequest request, CancellationToken cancellationToken = default);

    Task<GetReplicationSetResponse> GetReplicationSetAsync(GetReplicationSetRequest request, CancellationToken cancellationToken = default);

    Task<ListResponsePlansResponse> ListResponsePlansAsync(ListResponsePlansRequest request, CancellationToken cancellationToken = default);

    Task<GetResponsePlanResponse> GetResponsePlanAsync(GetResponsePlanRequest request, CancellationToken cancellationToken = default);

    Task<GetResourcePoliciesResponse> GetResourcePoliciesAsync(GetResourcePoliciesRequest request, CancellationToken cancellationToken = default);
}
