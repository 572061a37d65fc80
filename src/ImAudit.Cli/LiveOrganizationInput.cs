using ImAudit.Engine;
using Amazon.Runtime;
using ImAudit.Aws.Collection;
using ImAudit.Aws.Runtime;
using ImAudit.Engine.Policies;

namespace ImAudit.Cli;

/// <summary>
/// <c>scan --live --organization</c>: from the environment's credentials (those of the management account or of a
/// delegated administrator; with <c>--role-arn</c>, the role they assume first) lists every account of the organization,
/// assumes the member role in each active one and collects it, at most <c>--max-concurrency</c> at once, all within
/// <c>--timeout</c>. The account those credentials are in is read with them directly: a service-managed StackSet never
/// deploys the member role there. Progress shows when stderr is a terminal; one summary line when done.
/// </summary>
internal static class LiveOrganizationInput
{
    public static (ScanInput Input, OrganizationGaps Gaps) Collect(LiveOrganizationOptions options, CliEnvironment environment, TextWriter stderr, TimeProvider time)
    {
        // The timeout counts from here: credentials and a role to assume are part of reaching the organization.
        using var deadline = new CancellationTokenSource(options.Timeout, time);
        var started = time.GetTimestamp();
        var collector = AwsClientFactory.Organization(Settings(options, environment, deadline.Token), options.MemberRoleName, options.ExternalId, options.MaxConcurrency);
        var progress = environment.Interactive ? new TerminalProgress(stderr) : null;
        OrganizationCollection collection;
        try
        {
            collection = collector.CollectAsync(time.GetUtcNow(), progress, deadline.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is AmazonClientException || ConnectionFailure.Describe(e) is not null)
        {
            // The collector records what AWS answers; what is left is a client that could not even ask (credentials, network).
            throw new UsageException($"cannot reach AWS: {MessageText.OneLine(ConnectionFailure.Describe(e) ?? e.Message)}");
        }
        finally
        {
            progress?.Done();
        }
        // Not even the list of accounts: there is no organization to audit, and no report.
        if (collection.Accounts.IsEmpty && collection.Failed.IsEmpty && collection.Skipped.IsEmpty)
            throw new UsageException(collection.Errors.IsEmpty ? "the organization lists no account" : string.Join("; ", collection.Errors));
        foreach (var error in collection.Errors)
            stderr.WriteLine($"imaudit: warning: {error}");
        foreach (var failed in collection.Failed)
            stderr.WriteLine($"imaudit: warning: account {failed.AccountId}{Name(failed.Name)} not audited: {failed.Reason}");
        var incomplete = collection.Accounts.Count(a => a.IsIncomplete);
        stderr.WriteLine($"collected organization {collection.OrganizationId ?? "(not described)"}: {MessageText.Count(collection.Accounts.Length, "account")} read, "
            + $"{collection.Failed.Length} failed, {collection.Skipped.Length} skipped (not active) in {time.GetElapsedTime(started).TotalSeconds:0.0} s"
            + (incomplete > 0 ? $"; {incomplete} read incompletely (see coverage)" : "")
            + (deadline.IsCancellationRequested ? $"; --timeout {options.Timeout.TotalSeconds:0} s reached" : "")
            + (collection.Errors.IsEmpty ? "" : $"; the organization could not be read whole ({MessageText.Count(collection.Errors.Length, "error")})"));
        return (new ScanInput(collection.Accounts, collection.Organization), new OrganizationGaps(collection.NotAudited, collection.Errors));
    }

    private static AwsClientSettings Settings(LiveOrganizationOptions options, CliEnvironment environment, CancellationToken deadline)
    {
        try
        {
            var settings = AwsClientFactory.Settings(environment.Variables, options.Region, options.Profile, environment.Handler);
            // One external ID for every AssumeRole: STS ignores it for a role whose trust does not ask for one.
            return options.RoleArn is { } role ? AwsClientFactory.Assume(settings, role, options.ExternalId, deadline) : settings;
        }
        catch (AwsUnreachableException e) when (options.RoleArn is not null)
        {
            throw new UsageException($"cannot assume `{MessageText.Inline(options.RoleArn)}`: {e.Message} (--timeout {options.Timeout.TotalSeconds:0} s)");
        }
        catch (AmazonServiceException e) when (options.RoleArn is not null)
        {
            throw new UsageException($"cannot assume `{MessageText.Inline(options.RoleArn)}`: {e.ErrorCode}: {MessageText.OneLine(e.Message)}");
        }
        catch (ArgumentException e)
        {
            throw new UsageException(MessageText.OneLine(e.Message));
        }
        catch (Exception e) when (e is AmazonClientException || ConnectionFailure.Describe(e) is not null)
        {
            throw new UsageException($"cannot reach AWS: {MessageText.OneLine(ConnectionFailure.Describe(e) ?? e.Message)}");
        }
    }

    private static string Name(string? name) => string.IsNullOrEmpty(name) ? "" : $" ({MessageText.Inline(name)})";
}
