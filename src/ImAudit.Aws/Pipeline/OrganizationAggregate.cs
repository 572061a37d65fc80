using System.Collections.Concurrent;
using System.Diagnostics;
using ImAudit.Aws.Organizations;
using ImAudit.Aws.Storage;
using ImAudit.Engine;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Drift;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Organizations;
using ImAudit.Engine.Reports;

namespace ImAudit.Aws.Pipeline;

/// <summary>
/// The organization audit's last step (the state machine's aggregate event): reads the latest snapshot of every
/// account the map audited from the report bucket, lists the organization (names, states, its id), runs the
/// organization audit over them — each account as it audits alone, then the cross-account rules — and writes the
/// organization's report under <c>runs/</c> (with the ASFF batches of each account's cross-account findings) and its
/// snapshot under <c>snapshots/organization/</c>; with Security Hub on, imports each account's batches as that account.
/// An account that failed, or whose audit left no readable snapshot, is listed as not audited with the reason; the
/// rest go on.
/// </summary>
public sealed class OrganizationAggregate(IReportStore store, FunctionSettings settings, TimeProvider time, Action<string, string> log, Func<IAmazonOrganizations>? organizations)
{
    /// <summary>How many snapshots are read from the bucket at once.</summary>
    public int ReadConcurrency { get; init; } = 16;

    /// <summary>The Region the cross-account ASFF findings are for (the function's).</summary>
    public string Region { get; init; } = AccountSetOptions.DefaultRegion;

    /// <summary>
    /// How to reach Security Hub as one account (its id, its partition; the client may assume a role), for its
    /// cross-account findings when <see cref="FunctionSettings.SecurityHub"/> is on: Security Hub takes a finding only
    /// from the account it is about. Null for an account that cannot be reached as itself.
    /// </summary>
    public Func<string, string, Func<SecurityHub.IAmazonSecurityHub>?>? SecurityHubFor { get; init; }

    public string SnapshotKey => $"{settings.Prefix}snapshots/organization/latest.json";

    public async Task<AggregateSummary> RunAsync(AuditRequest request, CancellationToken cancellationToken = default)
    {
        var aggregate = request.Aggregate ?? throw new ArgumentException("not an aggregate request", nameof(request));
        var started = Stopwatch.StartNew();
        var now = time.GetUtcNow();
        var configuration = await BaselineLoader.LoadAsync(store, settings, cancellationToken).ConfigureAwait(false);
        var organization = await Organization(cancellationToken).ConfigureAwait(false);
        var outcomes = aggregate.Results.DistinctBy(r => r.AccountId).ToList();
        var read = await ReadSnapshots(outcomes.Where(r => r.Status == "audited").Select(r => r.AccountId), cancellationToken).ConfigureAwait(false);
        var notAudited = outcomes.Select(outcome => NotAudited(outcome, organization, read)).OfType<AccountNotAudited>().ToList();
        var inventories = read.Values.Select(r => r.Inventory).OfType<AccountInventory>().OrderBy(i => i.AccountId, StringComparer.Ordinal).ToList();
        var previousStored = await store.ReadAsync(SnapshotKey, cancellationToken).ConfigureAwait(false);
        var previous = previousStored is null ? null : OrganizationSnapshot.Read(previousStored.Body, SnapshotKey, out var unreadable) is { } p ? p : Warn(unreadable);
        var report = new PolicyEngine(IamCatalog.Default).AuditOrganization(inventories, organization, now, configuration, previous, notAudited);
        var (next, _) = OrganizationSnapshot.ForNextRun(report, [], previous);
        var firstSeen = OrganizationSnapshot.FirstSeenFor(next, previous);
        var run = $"{settings.Prefix}runs/{AuditPipeline.RunName(now, "organization")}/";
        // asff/: what only the organization audit finds, account by account (each account's run writes and imports the rest).
        var set = OrganizationReportSet.Of(report, firstSeen, new OrganizationSetOptions(settings.DocsUrl) { Asff = inventories, AsffCrossAccountOnly = true, AsffRegion = Region });
        var snapshotUpdated = false;
        var written = await RunFiles.WriteAsync(store, run, set, request.DryRun, log, cancellationToken).ConfigureAwait(false);
        if (request.DryRun)
            log("INFO", $"dry run: {set.Files.Length} report files and the organization snapshot not written");
        else
        {
            // Findings only: each account's inventory is in its own snapshot (a thousand of them would make this one large).
            var condition = previousStored is null ? WriteCondition.CreateOnly : WriteCondition.ReplaceIf(previousStored.ETag);
            snapshotUpdated = (await store.WriteAsync(SnapshotKey, stream => OrganizationSnapshot.Write(stream, [], next, firstSeen), "application/json", condition, cancellationToken)
                .ConfigureAwait(false)).Written;
            if (!snapshotUpdated)
                log("WARN", $"another run replaced `{SnapshotKey}` first; this run's reports are kept under runs/");
            if (settings.SecurityHub && SecurityHubFor is { } securityHubFor)
                await ImportAsync(set, inventories, securityHubFor, cancellationToken).ConfigureAwait(false);
        }
        var summary = AggregateSummary.Of(aggregate, report, written, snapshotUpdated, started.ElapsedMilliseconds);
        log("METRICS", Metrics.OrganizationLine(summary, organization.Id, now));
        return summary;

        OrganizationSnapshot? Warn(string? error)
        {
            log("WARN", $"{error}: the organization report has no drift this run, and the snapshot is replaced");
            return null;
        }
    }

    // Each account's cross-account findings into its own Security Hub, as that account; one that cannot be reached as
    // itself is said and skipped, the others go on.
    private async Task ImportAsync(ReportSet set, IReadOnlyList<AccountInventory> inventories, Func<string, string, Func<SecurityHub.IAmazonSecurityHub>?> securityHubFor,
        CancellationToken cancellationToken)
    {
        foreach (var (account, bodies) in set.AsffBodiesByAccount)
        {
            var partition = inventories.FirstOrDefault(i => i.AccountId == account)?.Partition ?? "aws";
            if (securityHubFor(account, partition) is not { } create)
            {
                log("WARN", $"Security Hub: account {account}: its cross-account findings are not imported: Security Hub takes them only from the account itself, and no member role reaches it (IMAUDIT_MEMBER_ROLE_NAME)");
                continue;
            }
            await SecurityHubImport.RunAsync(create, bodies, account, "cross-account findings", log, cancellationToken).ConfigureAwait(false);
        }
    }

    // Names, states and the organization id (aws:PrincipalOrgID, IMA703) from AWS Organizations; without it the report
    // still lists every account, only without names and with no membership known.
    private async Task<Organization> Organization(CancellationToken cancellationToken)
    {
        if (organizations is null)
            return Engine.Inventory.Organization.Unknown;
        using var client = organizations();
        var listing = await OrganizationListing.ReadAsync(client, cancellationToken).ConfigureAwait(false);
        foreach (var error in listing.Errors)
            log("WARN", error);
        return listing.ToEngine();
    }

    private sealed record SnapshotRead(AccountInventory? Inventory, string? Problem);

    private async Task<IReadOnlyDictionary<string, SnapshotRead>> ReadSnapshots(IEnumerable<string> accounts, CancellationToken cancellationToken)
    {
        var read = new ConcurrentDictionary<string, SnapshotRead>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = ReadConcurrency, CancellationToken = cancellationToken }, async (account, token) =>
        {
            var key = $"{settings.Prefix}snapshots/{account}/latest.json";
            var stored = await store.ReadAsync(key, token).ConfigureAwait(false);
            if (stored is null)
            {
                read[account] = new SnapshotRead(null, $"its audit left no snapshot at `{key}`");
                return;
            }
            var snapshot = AuditSnapshot.Read(stored.Body, key, out var error);
            read[account] = snapshot is null ? new SnapshotRead(null, error)
                : snapshot.AccountId != account ? new SnapshotRead(null, $"`{key}` is the snapshot of account `{snapshot.AccountId}`")
                : new SnapshotRead(snapshot.Inventory, null);
        }).ConfigureAwait(false);
        return read;
    }

    private static AccountNotAudited? NotAudited(AccountOutcome outcome, Organization organization, IReadOnlyDictionary<string, SnapshotRead> read)
    {
        var member = organization.Member(outcome.AccountId);
        return outcome.Status switch
        {
            "audited" when read.TryGetValue(outcome.AccountId, out var r) && r.Problem is { } problem => AccountNotAudited.Failure(outcome.AccountId, member?.Name, problem),
            "failed" => AccountNotAudited.Failure(outcome.AccountId, member?.Name, outcome.Reason),
            "skipped" => AccountNotAudited.Skip(outcome.AccountId, member?.Name, member?.State),
            _ => null,
        };
    }
}
