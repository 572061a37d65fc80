using Amazon.Runtime;
using ImAudit.Aws.Collection;
using ImAudit.Aws.Pipeline;
using ImAudit.Aws.Runtime;
using ImAudit.Aws.SecurityHub;
using ImAudit.Engine;
using ImAudit.Engine.Reports;

namespace ImAudit.Cli;

/// <summary>
/// <c>scan --security-hub</c>: imports the ASFF batches into Security Hub in the chosen Region (AWS_ENDPOINT_URL_SECURITYHUB
/// honoured). Security Hub takes a finding only from the account it is about (<c>BatchImportFindings</c> with the
/// default product), so each account's batches go in as that account: with the environment's credentials for their own
/// account (STS says which), with the role the account was read through for another (<c>--role-arn</c>, an organization's
/// member role). An account neither reaches is not sent, said in one line. Refused findings are listed on stderr; a
/// refused call is exit 2 once every account has been tried, the reports being written already.
/// </summary>
internal static class SecurityHubUpload
{
    /// <summary>A role to assume, with the external ID its trust asks for.</summary>
    public sealed record Role(string Arn, string? ExternalId);

    /// <param name="first">A role the environment's credentials assume before anything else (an organization scan's <c>--role-arn</c>).</param>
    /// <param name="roleFor">The role that reads an account other than the credentials' own, or null when there is none.</param>
    public static void Send(ReportSet set, string region, string? profile, Role? first, Func<string, Role?> roleFor, CliEnvironment environment, TextWriter stderr)
    {
        AwsClientSettings settings;
        try
        {
            settings = AwsClientFactory.Settings(environment.Variables, region, profile, environment.Handler);
            if (first is { } role)
                settings = AwsClientFactory.Assume(settings, role.Arn, role.ExternalId);
        }
        catch (AmazonServiceException e)
        {
            throw new UsageException($"Security Hub: cannot assume `{MessageText.Whole(first?.Arn)}`: {e.ErrorCode}: {MessageText.OneLine(e.Message)} (the reports are written)");
        }
        catch (Exception e) when (e is ArgumentException or AmazonClientException or AwsUnreachableException)
        {
            throw new UsageException($"cannot reach Security Hub: {MessageText.OneLine(e.Message)} (the reports are written)");
        }
        var caller = AuditPipeline.CallerAccount(settings)();
        var refused = 0;
        foreach (var (account, bodies) in set.AsffBodiesByAccount)
        {
            var role = caller is null || account == caller ? null : roleFor(account);
            if (caller is not null && account != caller && role is null)
            {
                stderr.WriteLine($"imaudit: warning: security hub: the findings of account {account} are not sent: Security Hub takes a finding only from the account it is about, and these credentials are account {caller}'s (read the account live to import as it: `--live --role-arn`, `--live --organization`)");
                continue;
            }
            if (!Import(settings, role, account, bodies, region, stderr))
                refused++;
        }
        if (refused > 0)
            throw new UsageException($"Security Hub refused the import of {MessageText.Count(refused, "account")}'s findings (the reports are written)");
    }

    // One account's batches, as the account (directly, or through the role that read it); false when the call is refused.
    private static bool Import(AwsClientSettings settings, Role? role, string account, IEnumerable<byte[]> batches, string region, TextWriter stderr)
    {
        try
        {
            using var client = new AmazonSecurityHubClient(role is { } r ? AwsClientFactory.Assume(settings, r.Arn, r.ExternalId) : settings);
            var result = SecurityHubExport.ImportAsync(client, batches).GetAwaiter().GetResult();
            stderr.WriteLine($"security hub ({region}), account {account}: {result.Imported} findings imported" + (result.Failed.Count > 0 ? $", {result.Failed.Count} refused" : ""));
            foreach (var failure in result.Failed)
                stderr.WriteLine($"  refused `{failure.Id}`: {failure.ErrorCode}: {MessageText.OneLine(failure.ErrorMessage)}");
            return true;
        }
        catch (AmazonServiceException e)
        {
            var through = role is { } r ? $" through `{MessageText.Whole(r.Arn)}`" : "";
            stderr.WriteLine($"imaudit: Security Hub refused the import of account {account}'s findings{through}: {e.ErrorCode}: {MessageText.OneLine(e.Message)}");
            return false;
        }
        catch (Exception e) when (e is AmazonClientException or AwsUnreachableException || ConnectionFailure.Describe(e) is not null)
        {
            throw new UsageException($"cannot reach Security Hub: {MessageText.OneLine(ConnectionFailure.Describe(e) ?? e.Message)} (the reports are written)");
        }
    }
}
