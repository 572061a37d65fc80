using System.Collections.Concurrent;
using System.Collections.Immutable;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using ImAudit.Aws.Organizations;
using ImAudit.Engine.Inventory;
using OrgAccount = ImAudit.Aws.Organizations.Model.Account;

namespace ImAudit.Aws.Collection;

/// <summary>
/// Reads every active account of an organization: lists the accounts (every page), and for each one assumes
/// <c>arn:&lt;partition&gt;:iam::&lt;id&gt;:role/&lt;member role&gt;</c> (with the external ID when one is set) and
/// collects the account with <see cref="AccountCollector"/> under those credentials, at most
/// <see cref="MaxConcurrency"/> accounts at once. The account the caller's own credentials are in is read with them
/// directly (a service-managed StackSet never deploys the member role to the management account). Nothing is
/// thrown: an account that cannot be assumed or read is listed with the reason, the rest go on.
/// </summary>
public sealed class OrganizationCollector(IAmazonOrganizations organizations, IAmazonSecurityTokenService sts, Func<AWSCredentials?, AwsClients> clientsFor)
{
    public string MemberRoleName { get; init; } = "ImAuditMemberRole";

    public string? ExternalId { get; init; }

    /// <summary>How many accounts are collected at once.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>Regions to read contacts in instead of each replication set's.</summary>
    public IReadOnlyList<string>? Regions { get; init; }

    public string Partition { get; init; } = "aws";

    public string RoleArn(string accountId) => MemberRoleArn(Partition, accountId, MemberRoleName);

    /// <summary>The member role of <paramref name="accountId"/>: the same name (and path) in every account.</summary>
    public static string MemberRoleArn(string partition, string accountId, string memberRoleName) => $"arn:{partition}:iam::{accountId}:role/{memberRoleName}";

    public async Task<OrganizationCollection> CollectAsync(DateTimeOffset now, IProgress<CollectionProgress>? progress = null, CancellationToken deadline = default)
    {
        // Described and listed as the aggregate step reads them; a page that fails ends the list, which is then not whole.
        var listing = await OrganizationListing.ReadAsync(organizations, deadline).ConfigureAwait(false);
        var listed = listing.Accounts;
        var self = await OwnAccount(deadline).ConfigureAwait(false);
        // Upper-cased as the engine reads a saved list-accounts output: the same account is active for both.
        var active = listed.Where(IsActive).ToList();
        var skipped = listed.Where(a => !IsActive(a)).Select(a => new SkippedAccount(a.Id, a.Name, a.EffectiveState.ToUpperInvariant()));
        var inventories = new ConcurrentBag<AccountInventory>();
        var failed = new ConcurrentBag<AccountFailure>();
        var done = 0;
        using var gate = new SemaphoreSlim(Math.Max(1, MaxConcurrency));
        await Task.WhenAll(active.Select(async account =>
        {
            await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                var (inventory, reason) = await CollectOne(account, account.Id == self, now, deadline).ConfigureAwait(false);
                if (inventory is not null)
                    inventories.Add(inventory);
                else
                    failed.Add(new AccountFailure(account.Id, account.Name, reason!));
            }
            finally
            {
                gate.Release();
                progress?.Report(new CollectionProgress("accounts", Interlocked.Increment(ref done), active.Count));
            }
        })).ConfigureAwait(false);
        return new OrganizationCollection(listing.Organization?.Id, listing.Organization?.MasterAccountId,
            [.. inventories.OrderBy(i => i.AccountId, StringComparer.Ordinal)],
            [.. failed.OrderBy(f => f.AccountId, StringComparer.Ordinal)],
            [.. skipped.OrderBy(s => s.AccountId, StringComparer.Ordinal)],
            [.. listing.Errors])
        {
            OrganizationArn = listing.Organization?.Arn,
            Members = listing.AccountsWhole ? [.. listed.Select(Member).OrderBy(m => m.Id, StringComparer.Ordinal)] : null,
        };
    }

    private static bool IsActive(OrgAccount account) => string.Equals(account.EffectiveState, "ACTIVE", StringComparison.OrdinalIgnoreCase);

    // As `scan DIR` reads the same account from `aws organizations list-accounts` output (OrganizationJson).
    private static Engine.Inventory.OrganizationMember Member(OrgAccount account) =>
        new(account.Id, account.Name, account.Email, (account.State ?? account.Status ?? "").ToUpperInvariant());

    // One account: its credentials (the caller's own for its own account), then the account collector, which records
    // what it cannot read. An account where not even the identity or IAM could be read counts as not read.
    private async Task<(AccountInventory? Inventory, string? Reason)> CollectOne(OrgAccount account, bool own, DateTimeOffset now, CancellationToken deadline)
    {
        if (deadline.IsCancellationRequested)
            return (null, "the collection deadline passed before this account was read");
        var role = RoleArn(account.Id);
        AWSCredentials? credentials = null;
        try
        {
            if (!own)
                credentials = await Assume(role, deadline).ConfigureAwait(false);
        }
        catch (AmazonServiceException e)
        {
            return (null, $"could not assume `{role}`: {e.ErrorCode}: {Engine.MessageText.OneLine(e.Message)}");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return (null, $"the collection deadline passed while assuming `{role}`");
        }
        catch (Exception e) when (e is AmazonClientException || ConnectionFailure.Describe(e) is not null)
        {
            return (null, $"could not assume `{role}`: {Engine.MessageText.OneLine(ConnectionFailure.Describe(e) ?? e.Message)}");
        }
        try
        {
            var inventory = await new AccountCollector(clientsFor(credentials)) { Regions = Regions }.CollectAsync(now, null, deadline).ConfigureAwait(false);
            if (Unread(inventory) is { } unread)
                return (null, $"{(own ? "the function's own credentials" : $"`{role}`")} could not read the account: {unread.Service} {unread.Operation}: {unread.Code}: {unread.Message}");
            return (inventory.AccountId.Length == 0 ? inventory with { AccountId = account.Id } : inventory, null);
        }
        catch (AwsUnreachableException e)
        {
            // The account's STS gave no answer (or none before the deadline): this account is unread, the others go on.
            return (null, Engine.MessageText.OneLine(e.Message));
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException or InvalidOperationException)
        {
            return (null, $"reading the account failed: {Engine.MessageText.OneLine(e.Message)}");
        }
    }

    // Neither the caller's identity nor IAM could be read: there is nothing to audit.
    private static CollectionError? Unread(AccountInventory inventory) =>
        inventory.CollectionErrors.Any(e => e.Service == "sts" && e.Operation == "GetCallerIdentity")
            && inventory.CollectionErrors.FirstOrDefault(e => e.Service == "iam" && e.Operation == "GetAccountAuthorizationDetails") is { } iam
            ? iam
            : null;

    private async Task<AWSCredentials> Assume(string role, CancellationToken deadline)
    {
        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = role,
            RoleSessionName = "imaudit-organization",
            ExternalId = ExternalId,
            DurationSeconds = 3600,
        }, deadline).ConfigureAwait(false);
        return new SessionAWSCredentials(assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey, assumed.Credentials.SessionToken);
    }

    private async Task<string?> OwnAccount(CancellationToken deadline)
    {
        try
        {
            return (await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), deadline).ConfigureAwait(false)).Account;
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or OperationCanceledException || ConnectionFailure.Describe(e) is not null)
        {
            // Unknown: every account, this one included, is then read through its member role.
            return null;
        }
    }
}
