using System.Text.Json.Serialization;
using ImAudit.Aws.Runtime;
using ImAudit.Aws.SecurityHub.Model;

namespace ImAudit.Aws.SecurityHub;

/// <summary>Security Hub over rest-json: <c>POST /findings/import</c>.</summary>
public sealed class AmazonSecurityHubClient(AwsClientSettings settings) : IAmazonSecurityHub
{
    private readonly AwsServiceCaller _caller = new(settings, "securityhub", AwsProtocol.RestJson);

    public Task<BatchImportFindingsResponse> BatchImportFindingsAsync(BatchImportFindingsRequest request, CancellationToken cancellationToken = default) =>
        RestJsonProtocol.CallAsync(_caller, "BatchImportFindings", HttpMethod.Post, "/findings/import", null, request.Body.ToArray(),
            SecurityHubJson.Default.BatchImportFindingsResponse, cancellationToken);

    public void Dispose() => _caller.Dispose();
}

/// <summary>Source-generated JSON for Security Hub answers (PascalCase members).</summary>
[JsonSerializable(typeof(BatchImportFindingsResponse))]
public sealed partial class SecurityHubJson : JsonSerializerContext;
