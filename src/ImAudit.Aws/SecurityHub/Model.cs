namespace ImAudit.Aws.SecurityHub.Model;

// BatchImportFindings, named as in the AWS SDK for .NET (Amazon.SecurityHub.Model). The findings travel as the
// ASFF request body ImAudit already writes ({"Findings": [...]}, at most 100), not as a typed object graph.

public sealed class BatchImportFindingsRequest
{
    /// <summary>The request body: <c>{"Findings": [ … ]}</c> in the AWS Security Finding Format.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }
}

public sealed class BatchImportFindingsResponse
{
    public int FailedCount { get; init; }

    public int SuccessCount { get; init; }

    public List<ImportFindingsError> FailedFindings { get; init; } = [];
}

public sealed class ImportFindingsError
{
    public string Id { get; init; } = "";

    public string ErrorCode { get; init; } = "";

    public string ErrorMessage { get; init; } = "";
}
