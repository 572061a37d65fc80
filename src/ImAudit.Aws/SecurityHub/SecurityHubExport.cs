using ImAudit.Aws.SecurityHub.Model;

namespace ImAudit.Aws.SecurityHub;

/// <summary>What an import did: findings accepted, and each refused one with Security Hub's reason.</summary>
public sealed record SecurityHubImport(int Imported, IReadOnlyList<ImportFindingsError> Failed);

/// <summary>Sends ASFF batches to Security Hub, one BatchImportFindings call each (a batch holds at most 100).</summary>
public static class SecurityHubExport
{
    public static async Task<SecurityHubImport> ImportAsync(IAmazonSecurityHub securityHub, IEnumerable<byte[]> batches, CancellationToken cancellationToken = default)
    {
        var imported = 0;
        var failed = new List<ImportFindingsError>();
        foreach (var batch in batches)
        {
            var answer = await securityHub.BatchImportFindingsAsync(new BatchImportFindingsRequest { Body = batch }, cancellationToken).ConfigureAwait(false);
            imported += answer.SuccessCount;
            failed.AddRange(answer.FailedFindings);
        }
        return new SecurityHubImport(imported, failed);
    }
}
