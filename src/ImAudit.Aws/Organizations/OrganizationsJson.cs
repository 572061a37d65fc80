using System.Text.Json.Serialization;
using ImAudit.Aws.Organizations.Model;

namespace ImAudit.Aws.Organizations;

/// <summary>Source-generated JSON for AWS Organizations (AWS JSON 1.1, PascalCase members).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ListAccountsRequest))]
[JsonSerializable(typeof(ListAccountsResponse))]
[JsonSerializable(typeof(DescribeOrganizationRequest))]
[JsonSerializable(typeof(DescribeOrganizationResponse))]
public sealed partial class OrganizationsJson : JsonSerializerContext;
