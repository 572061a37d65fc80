namespace ImAudit.Aws.SSMIncidents.Model;

// Shapes of the SSM Incidents operations ImAudit calls, named as in the AWS SDK for .NET
// (Amazon.SSMIncidents.Model); only the members the auditor reads. On the wire they are camelCase.

public sealed class ListReplicationSetsRequest
{
    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }
}

public sealed class ListReplicationSetsResponse
{
    public List<string> ReplicationSetArns { get; init; } = [];

    public string? NextToken { get; init; }
}

public sealed class GetReplicationSetRequest
{
    public string Arn { get; init; } = "";
}

public sealed class GetReplicationSetResponse
{
    public ReplicationSet? ReplicationSet { get; init; }
}

public sealed class ReplicationSet
{
    public string? Arn { get; init; }

    public string Status { get; init; } = "";

    public bool DeletionProtected { get; init; }

    public Dictionary<string, RegionInfo> RegionMap { get; init; } = [];
}

public sealed class RegionInfo
{
    public string Status { get; init; } = "";

    public string? SseKmsKeyId { get; init; }
}

public sealed class ListResponsePlansRequest
{
    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }
}

public sealed class ListResponsePlansResponse
{
    public List<ResponsePlanSummary> ResponsePlanSummaries { get; init; } = [];

    public string? NextToken { get; init; }
}

public sealed class ResponsePlanSummary
{
    public string Arn { get; init; } = "";

    public string Name { get; init; } = "";

    public string? DisplayName { get; init; }
}

public sealed class GetResponsePlanRequest
{
    public string Arn { get; init; } = "";
}

public sealed class GetResponsePlanResponse
{
    public string Arn { get; init; } = "";

    public string Name { get; init; } = "";

    public string? DisplayName { get; init; }

    public List<Action> Actions { get; init; } = [];

    public List<string> Engagements { get; init; } = [];

    public ChatChannel? ChatChannel { get; init; }
}

public sealed class Action
{
    public SsmAutomation? SsmAutomation { get; init; }
}

public sealed class SsmAutomation
{
    public string DocumentName { get; init; } = "";

    public string RoleArn { get; init; } = "";

    public string? TargetAccount { get; init; }
}

public sealed class ChatChannel
{
    public List<string> ChatbotSns { get; init; } = [];
}

public sealed class GetResourcePoliciesRequest
{
    public string ResourceArn { get; init; } = "";

    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }
}

public sealed class GetResourcePoliciesResponse
{
    public List<ResourcePolicy> ResourcePolicies { get; init; } = [];

    public string? NextToken { get; init; }
}

public sealed class ResourcePolicy
{
    public string PolicyDocument { get; init; } = "";

    public string PolicyId { get; init; } = "";

    public string? RamResourceShareRegion { get; init; }
}
