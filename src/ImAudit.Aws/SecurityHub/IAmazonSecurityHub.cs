using ImAudit.Aws.SecurityHub.Model;

namespace ImAudit.Aws.SecurityHub;

/// <summary>The Security Hub operation ImAudit calls, named as in the AWS SDK for .NET.</summary>
public interface IAmazonSecurityHub : IDisposable
{
    Task<BatchImportFindingsResponse> BatchImportFindingsAsync(BatchImportFindingsRequest request, CancellationToken cancellationToken = default);
}
