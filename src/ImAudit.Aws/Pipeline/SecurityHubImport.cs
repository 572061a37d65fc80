using ImAudit.Aws.Collection;
using ImAudit.Aws.SecurityHub;
using ImAudit.Engine;

namespace ImAudit.Aws.Pipeline;

/// <summary>
/// The function's import into Security Hub, after the reports are written: one log line with what was imported and
/// refused; a refused call (or a role that cannot be assumed to make it) is logged, and the run still succeeds.
/// </summary>
internal static class SecurityHubImport
{
    /// <param name="create">The client, with the credentials of the account the findings are about (it may assume a role).</param>
    /// <param name="account">The account, named in the log line when one run imports several.</param>
    /// <param name="what">What is imported: <c>findings</c>, <c>cross-account findings</c>.</param>
    public static async Task RunAsync(Func<IAmazonSecurityHub> create, IEnumerable<byte[]> batches, string? account, string what, Action<string, string> log,
        CancellationToken cancellationToken)
    {
        var of = account is null ? "" : $"account {account}: ";
        try
        {
            using var client = create();
            var result = await SecurityHubExport.ImportAsync(client, batches, cancellationToken).ConfigureAwait(false);
            log(result.Failed.Count == 0 ? "INFO" : "WARN", $"Security Hub: {of}{result.Imported} {what} imported, {result.Failed.Count} refused" +
                string.Concat(result.Failed.Take(5).Select(f => $"; `{f.Id}`: {f.ErrorCode}")));
        }
        catch (Amazon.Runtime.AmazonServiceException e)
        {
            // Another account's findings go in with the role that read it, which must be allowed to import them.
            var hint = e.ErrorCode.StartsWith("AccessDenied", StringComparison.Ordinal)
                ? " (findings are imported with the credentials of the account they are about: a member role needs securityhub:BatchImportFindings, which deploy/member-role.yaml grants with ImportFindings=true)"
                : "";
            log("ERROR", $"Security Hub refused the import: {of}{e.ErrorCode}: {MessageText.OneLine(e.Message)}{hint}");
        }
        catch (AwsUnreachableException e)
        {
            log("ERROR", $"Security Hub: {of}{what} not imported: {MessageText.OneLine(e.Message)}");
        }
    }
}
