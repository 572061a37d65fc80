using System.Collections.Immutable;
using Amazon.SecurityToken.Model;
using ImAudit.Aws.IdentityManagement.Model;
using ImAudit.Aws.SSMContacts.Model;
using ImAudit.Aws.SSMIncidents.Model;
using ImAudit.Engine.Inventory;

namespace ImAudit.Aws.Collection;

/// <summary>
/// Reads an account into an <see cref="AccountInventory"/>: the caller's identity (STS), every page of IAM's
/// authorization details, the replication set, every response plan with its resource policies, and in each
/// Region of the replication set every contact with its stages and contact policy. A read that fails is
/// recorded as a collection error and the rest goes on; when <c>deadline</c> fires, what was read so far is
/// returned and everything not yet read is listed, so the inventory is marked incomplete.
/// </summary>
public sealed class AccountCollector(AwsClients clients)
{
    /// <summary>Regions to read contacts in instead of the replication set's (an on-demand option).</summary>
    public IReadOnlyList<string>? Regions { get; init; }

    public async Task<AccountInventory> CollectAsync(DateTimeOffset now, IProgress<CollectionProgress>? progress = null, CancellationToken deadline = default)
    {
        var errors = new CollectionErrors(deadline);
        var identity = await errors.TryAsync("sts", "GetCallerIdentity", "caller",
            ct => clients.Sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct)).ConfigureAwait(false);
        // No answer at all to the first call: AWS is not there (or not in time). Asking every other service the same
        // way would only repeat the retries; there is nothing to audit.
        if (identity is null && errors.All.FirstOrDefault(e => e.Operation == "GetCallerIdentity") is { Code: "ConnectionError" or "DeadlineExceeded" } unanswered)
        {
            var where = clients.StsEndpoint is { } endpoint ? $" at `{endpoint}`" : "";
            throw new AwsUnreachableException(unanswered.Code == "ConnectionError"
                ? $"cannot reach AWS{where} (after {clients.MaxAttempts} attempts): {unanswered.Message}"
                : $"cannot reach AWS{where}: no answer before the collection deadline");
        }
        // The account names report keys and snapshot paths: anything but 12 digits is a malformed answer, not an account.
        if (identity is not null && !IsAccountId(identity.Account))
        {
            errors.Add("sts", "GetCallerIdentity", "caller", "MalformedResponse", $"the account `{Engine.MessageText.Inline(identity.Account)}` is not a 12-digit account ID");
            identity = null;
        }
        var pages = await AuthorizationDetails(errors, progress).ConfigureAwait(false);
        var replication = await ReplicationSet(errors).ConfigureAwait(false);
        ImmutableArray<string> regions = Regions is { Count: > 0 } chosen ? [.. chosen]
            : replication is null || replication.Regions.IsEmpty ? [clients.HomeRegion] : replication.Regions;
        // Incident Manager resources exist only once a replication set does.
        var plans = replication is null ? [] : await ResponsePlans(errors, regions.Contains(clients.HomeRegion) ? clients.HomeRegion : regions[0], progress).ConfigureAwait(false);
        var contacts = ImmutableArray.CreateBuilder<Engine.Inventory.Contact>();
        foreach (var region in replication is null ? [] : regions)
            contacts.AddRange(await Contacts(errors, region, progress).ConfigureAwait(false));
        var users = IamInventory.Users(pages);
        var roles = IamInventory.Roles(pages);
        roles = roles.AddRange(await MissingRunbookRoles(errors, plans, roles, identity?.Account).ConfigureAwait(false));
        var (account, partition) = Account(identity?.Arn, users.Select(u => u.Arn).Concat(roles.Select(r => r.Arn)));
        return new AccountInventory(account, partition, regions, users, IamInventory.Groups(pages), roles, IamInventory.Policies(pages),
            plans, contacts.ToImmutable(), replication, [.. errors.All], $"live: account {account}, {string.Join(", ", regions)}", now);
    }

    private async Task<List<GetAccountAuthorizationDetailsResponse>> AuthorizationDetails(CollectionErrors errors, IProgress<CollectionProgress>? progress)
    {
        var pages = new List<GetAccountAuthorizationDetailsResponse>();
        string? marker = null;
        do
        {
            var page = await errors.TryAsync("iam", "GetAccountAuthorizationDetails", marker is null ? "account" : $"account (page after marker `{marker}`)",
                ct => clients.Iam.GetAccountAuthorizationDetailsAsync(new GetAccountAuthorizationDetailsRequest { Marker = marker, MaxItems = 1000 }, ct)).ConfigureAwait(false);
            if (page is null)
                break;
            pages.Add(page);
            progress?.Report(new CollectionProgress("iam", pages.Sum(p => p.UserDetailList.Count + p.GroupDetailList.Count + p.RoleDetailList.Count + p.Policies.Count), null));
            marker = page.IsTruncated ? page.Marker : null;
        }
        while (marker is not null);
        return pages;
    }

    // A response plan's runbook role in this account that the authorization details did not list: GetRole says
    // whether it exists. One that does not is left out (IMA501 reports the plan); one that does is added with its
    // trust policy, and its unread permissions are a recorded gap.
    private async Task<List<IamRole>> MissingRunbookRoles(CollectionErrors errors, IEnumerable<Engine.Inventory.ResponsePlan> plans, IEnumerable<IamRole> known, string? account)
    {
        var listed = known.Select(r => r.Arn).ToHashSet(StringComparer.Ordinal);
        var missing = plans.SelectMany(p => p.Actions).Select(a => a.RoleArn)
            .Where(arn => !listed.Contains(arn) && Engine.Arn.Parse(arn) is { Service: "iam" } parsed && (account is null || parsed.Account == account))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var added = new List<IamRole>();
        foreach (var arn in missing)
        {
            var name = arn[(arn.LastIndexOf('/') + 1)..];
            var found = await errors.TryAsync("iam", "GetRole", arn, ct => clients.Iam.GetRoleAsync(new GetRoleRequest { RoleName = name }, ct), absent: "NoSuchEntity").ConfigureAwait(false);
            if (found is null)
                continue;
            var role = found.Role;
            added.Add(new IamRole(role.RoleName, role.Arn, role.Path, role.AssumeRolePolicyDocument is null ? null : IamInventory.Decode(role.AssumeRolePolicyDocument),
                [], [], role.PermissionsBoundary?.PermissionsBoundaryArn, [.. role.Tags.Select(t => new Engine.Inventory.Tag(t.Key, t.Value))]));
            errors.Add("iam", "GetAccountAuthorizationDetails", arn, "NotListed", "runbook role missing from the authorization details: its trust policy was read with GetRole, its permissions were not");
        }
        return added;
    }

    private async Task<Engine.Inventory.ReplicationSet?> ReplicationSet(CollectionErrors errors)
    {
        var incidents = clients.IncidentsIn(clients.HomeRegion);
        var arns = await errors.AllPagesAsync("ssm-incidents", "ListReplicationSets", clients.HomeRegion,
            (token, ct) => incidents.ListReplicationSetsAsync(new ListReplicationSetsRequest { NextToken = token }, ct), p => p.ReplicationSetArns, p => p.NextToken).ConfigureAwait(false);
        if (arns.Count == 0)
            return null;
        var set = await errors.TryAsync("ssm-incidents", "GetReplicationSet", arns[0],
            ct => incidents.GetReplicationSetAsync(new GetReplicationSetRequest { Arn = arns[0] }, ct)).ConfigureAwait(false);
        return set?.ReplicationSet is { } s
            ? new Engine.Inventory.ReplicationSet(s.Arn ?? arns[0], s.Status, [.. s.RegionMap.Keys.Order(StringComparer.Ordinal)], s.DeletionProtected)
            : new Engine.Inventory.ReplicationSet(arns[0], "UNKNOWN", [clients.HomeRegion], false);
    }

    private async Task<ImmutableArray<Engine.Inventory.ResponsePlan>> ResponsePlans(CollectionErrors errors, string region, IProgress<CollectionProgress>? progress)
    {
        var incidents = clients.IncidentsIn(region);
        var summaries = await errors.AllPagesAsync("ssm-incidents", "ListResponsePlans", region,
            (token, ct) => incidents.ListResponsePlansAsync(new ListResponsePlansRequest { NextToken = token }, ct), p => p.ResponsePlanSummaries, p => p.NextToken).ConfigureAwait(false);
        var done = 0;
        return [.. await Bounded(summaries, async summary =>
        {
            var plan = await errors.TryAsync("ssm-incidents", "GetResponsePlan", summary.Arn,
                ct => incidents.GetResponsePlanAsync(new GetResponsePlanRequest { Arn = summary.Arn }, ct)).ConfigureAwait(false);
            var policies = await ResourcePolicies(errors, incidents, summary.Arn).ConfigureAwait(false);
            progress?.Report(new CollectionProgress("response plans", Interlocked.Increment(ref done), summaries.Count));
            return new Engine.Inventory.ResponsePlan(summary.Arn, summary.Name, plan?.DisplayName ?? summary.DisplayName,
                [.. (plan?.Actions ?? []).Select(a => a.SsmAutomation).OfType<SsmAutomation>().Select(a => new RunbookAction(a.DocumentName, a.RoleArn, a.TargetAccount))],
                [.. plan?.Engagements ?? []], [.. plan?.ChatChannel?.ChatbotSns ?? []], policies);
        }).ConfigureAwait(false)];
    }

    private static async Task<ImmutableArray<Engine.Inventory.ResourcePolicy>> ResourcePolicies(CollectionErrors errors, SSMIncidents.IAmazonSSMIncidents incidents, string planArn) =>
        [.. await errors.AllPagesAsync("ssm-incidents", "GetResourcePolicies", planArn,
            (token, ct) => incidents.GetResourcePoliciesAsync(new GetResourcePoliciesRequest { ResourceArn = planArn, NextToken = token }, ct),
            p => p.ResourcePolicies.Select(r => new Engine.Inventory.ResourcePolicy(r.PolicyId, r.PolicyDocument, r.RamResourceShareRegion)), p => p.NextToken).ConfigureAwait(false)];

    private async Task<IReadOnlyList<Engine.Inventory.Contact>> Contacts(CollectionErrors errors, string region, IProgress<CollectionProgress>? progress)
    {
        var contacts = clients.ContactsIn(region);
        var listed = await errors.AllPagesAsync("ssm-contacts", "ListContacts", region,
            (token, ct) => contacts.ListContactsAsync(new ListContactsRequest { NextToken = token }, ct), p => p.Contacts, p => p.NextToken).ConfigureAwait(false);
        var done = 0;
        return await Bounded(listed, async contact =>
        {
            var detail = await errors.TryAsync("ssm-contacts", "GetContact", contact.ContactArn,
                ct => contacts.GetContactAsync(new GetContactRequest { ContactId = contact.ContactArn }, ct)).ConfigureAwait(false);
            var policy = await errors.TryAsync("ssm-contacts", "GetContactPolicy", contact.ContactArn,
                ct => contacts.GetContactPolicyAsync(new GetContactPolicyRequest { ContactArn = contact.ContactArn }, ct)).ConfigureAwait(false);
            progress?.Report(new CollectionProgress($"contacts {region}", Interlocked.Increment(ref done), listed.Count));
            return new Engine.Inventory.Contact(contact.ContactArn, contact.Alias, contact.Type, detail?.DisplayName ?? contact.DisplayName,
                [.. (detail?.Plan?.Stages ?? []).Select(s => new ContactStage(s.DurationInMinutes,
                    [.. s.Targets.Select(t => t.ContactTargetInfo?.ContactId).OfType<string>()],
                    [.. s.Targets.Select(t => t.ChannelTargetInfo?.ContactChannelId).OfType<string>()]))],
                string.IsNullOrEmpty(policy?.Policy) ? null : policy.Policy);
        }).ConfigureAwait(false);
    }

    // At most MaxConcurrency reads at once; results in the order of the input.
    private async Task<T[]> Bounded<TIn, T>(IReadOnlyList<TIn> items, Func<TIn, Task<T>> read)
    {
        using var gate = new SemaphoreSlim(Math.Max(1, clients.MaxConcurrency));
        return await Task.WhenAll(items.Select(async item =>
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                return await read(item).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
    }

    private static (string Account, string Partition) Account(string? callerArn, IEnumerable<string> arns)
    {
        var first = (callerArn is null ? arns : arns.Prepend(callerArn)).Select(Engine.Arn.Parse).FirstOrDefault(a => a is { HasAccountId: true });
        return (first?.Account ?? "", first?.Partition ?? "aws");
    }

    private static bool IsAccountId(string? text) => text is not null && Engine.Arn.IsAccountId(text);
}
