using System.Text.Json.Serialization;
using ImAudit.Aws.SSMIncidents.Model;

namespace ImAudit.Aws.SSMIncidents;

/// <summary>Source-generated JSON for SSM Incidents (rest-json, camelCase members).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ListReplicationSetsRequest))]
[JsonSerializable(typeof(ListReplicationSetsResponse))]
[JsonSerializable(typeof(GetReplicationSetResponse))]
[JsonSerializable(typeof(ListResponsePlansRequest))]
[JsonSerializable(typeof(ListResponsePlansResponse))]
[JsonSerializable(typeof(GetResponsePlanResponse))]
[JsonSerializable(typeof(GetResourcePoliciesRequest))]
[JsonSerializable(typeof(GetResourcePoliciesResponse))]
public sealed partial class SSMIncidentsJson : JsonSerializerContext;
