using System.Diagnostics;
using ImAudit.Aws.Collection;
using ImAudit.Aws.Storage;
using ImAudit.Engine;
using ImAudit.Engine.Baselines;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Drift;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Reports;

namespace ImAudit.Aws.Pipeline;

/// <summary>
/// One audit run as the function (and <c>imaudit invoke</c>) does it: collect the account live until the deadline
/// less a margin, audit, write the run's reports (create-only, under a timestamped key), and replace the account's
/// snapshot only when the audit is complete and only over the version read at the start (If-Match), so a failed
/// or incomplete run, or a concurrent one, never overwrites the last good snapshot. The report says what is new and
/// resolved since that snapshot; ASFF batches for Security Hub go with the reports. Emits one EMF metrics line.
/// </summary>
public sealed class AuditPipeline(Func<AuditRequest, CancellationToken, AwsClients> clientsFor, IReportStore store, FunctionSettings settings, TimeProvider time, Action<string, string> log, string region = "us-east-1")
{

    /// <summary>
    /// Clients per request: the request's role (or the configured default) assumed with these settings, else these
    /// settings. An organization audit's event for the account these settings are in (<paramref name="ownAccount"/>:
    /// the management or delegated administrator account the function runs in) is read with them directly: a
    /// service-managed StackSet never deploys the member role to the management account. The AssumeRole call ends
    /// with the token (the run's collection deadline).
    /// </summary>
    public static Func<AuditRequest, CancellationToken, AwsClients> ClientsFor(Runtime.AwsClientSettings aws, string? defaultRoleArn, string? defaultExternalId = null, Func<string?>? ownAccount = null) =>
        (request, cancellationToken) => AwsClientFactory.Create((request.RoleArn ?? defaultRoleArn) is { } role && !(request.AccountId is { } id && ownAccount?.Invoke() == id)
            ? AwsClientFactory.Assume(aws, role, request.ExternalId ?? defaultExternalId, cancellationToken)
            : aws);

    /// <summary>The account these settings' credentials are in (STS GetCallerIdentity), or null when STS cannot say.</summary>
    public static Func<string?> CallerAccount(Runtime.AwsClientSettings aws) => () =>
    {
        try
        {
            return AwsClientFactory.Create(aws).Sts.GetCallerIdentityAsync(new Amazon.SecurityToken.Model.GetCallerIdentityRequest()).GetAwaiter().GetResult().Account;
        }
        catch (Exception e) when (e is Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or HttpRequestException)
        {
            return null;
        }
    };

    public async Task<AuditSummary> RunAsync(AuditRequest request, DateTimeOffset deadline, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.StartNew();
        var now = time.GetUtcNow();
        var configuration = await BaselineLoader.LoadAsync(store, settings, cancellationToken).ConfigureAwait(false);
        using var collection = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var budget = deadline - settings.DeadlineMargin - now;
        collection.CancelAfter(budget > TimeSpan.Zero ? budget : TimeSpan.Zero);
        var clients = Clients(request, collection.Token);
        var inventory = await new AccountCollector(clients) { Regions = request.Regions }.CollectAsync(now, null, collection.Token).ConfigureAwait(false);
        if (collection.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            log("WARN", $"collection stopped {settings.DeadlineMargin.TotalSeconds:0} s before the invocation deadline; the report is partial");
        // An on-demand reportPrefix goes under runs/ and snapshots/, never beside them: the function may write only
        // there, and the bucket's lifecycle rule on <prefix>runs/ expires every run.
        var scope = request.ReportPrefix is { } extra ? extra.TrimEnd('/') + "/" : "";
        // An account the collection could not establish has no snapshot: nothing to compare with or replace.
        var account = inventory.AccountId.Length == 0 ? null : inventory.AccountId;
        // The last good snapshot: what "new" and "resolved" are measured against, and the version a replacement must
        // name. One this version cannot read (another schema) counts as none; it is still replaced by version.
        var snapshotKey = $"{settings.Prefix}snapshots/{scope}{account}/latest.json";
        var previous = account is null ? null : await store.ReadAsync(snapshotKey, cancellationToken).ConfigureAwait(false);
        var previousSnapshot = previous is null ? null : AuditSnapshot.Read(previous.Body, snapshotKey, out _);
        var report = SnapshotRule.WithoutUnreadResolved(new PolicyEngine(IamCatalog.Default).Audit(inventory, now, configuration, previousSnapshot), inventory);
        var fresh = report.Drift?.New ?? report.Findings;
        var firstSeen = SnapshotJson.FirstSeenFor(report, previousSnapshot);
        var run = $"{settings.Prefix}runs/{scope}{RunName(now, account)}/";
        var set = ReportSet.Account(report, inventory, firstSeen, new AccountSetOptions(region, settings.DocsUrl) { Inventory = true });
        var snapshotUpdated = false;
        var written = await RunFiles.WriteAsync(store, run, set, request.DryRun, log, cancellationToken).ConfigureAwait(false);
        if (request.DryRun)
            log("INFO", $"dry run: {set.Files.Length} report files and the snapshot not written");
        else
        {
            if (account is null)
                log("WARN", "the account could not be established: no snapshot is read or written");
            else
                snapshotUpdated = await ReplaceSnapshot(snapshotKey, previous, previousSnapshot, inventory, report, firstSeen, cancellationToken).ConfigureAwait(false);
            // With the credentials the account was read with: Security Hub takes a finding only from the account it is about.
            if (settings.SecurityHub && clients.SecurityHub is { } securityHub)
                await SecurityHubImport.RunAsync(securityHub, set.AsffBodies, null, "findings", log, cancellationToken).ConfigureAwait(false);
        }
        var counts = report.Findings.GroupBy(f => f.Severity).ToDictionary(g => g.Key, g => g.Count());
        var summary = new AuditSummary(inventory.AccountId, request.Trigger, !report.IsIncomplete, request.DryRun,
            counts.GetValueOrDefault(Severity.Critical), counts.GetValueOrDefault(Severity.High), counts.GetValueOrDefault(Severity.Medium),
            counts.GetValueOrDefault(Severity.Low), counts.GetValueOrDefault(Severity.Info), report.CoverageGaps,
            written, snapshotUpdated, started.ElapsedMilliseconds)
        {
            NewCritical = fresh.Count(f => f.Severity == Severity.Critical),
            NewHigh = fresh.Count(f => f.Severity == Severity.High),
            New = fresh.Length,
        };
        log("METRICS", Metrics.Line(summary, now));
        return summary;
    }

    // The role is assumed before anything is read, within the collection deadline: refused or unanswered, the run
    // ends here with the role and STS's error code or the endpoint that did not answer.
    private AwsClients Clients(AuditRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return clientsFor(request, cancellationToken);
        }
        catch (Amazon.Runtime.AmazonServiceException e) when (e is Amazon.SecurityToken.AmazonSecurityTokenServiceException && (request.RoleArn ?? settings.RoleArn) is { } role)
        {
            throw new RoleNotAssumedException(role, e);
        }
        catch (AwsUnreachableException e) when ((request.RoleArn ?? settings.RoleArn) is { } role)
        {
            throw new RoleNotAssumedException(role, e);
        }
    }

    // Unique per run even when runs start in the same millisecond: UTC time to the millisecond, the account, and 48
    // random bits (runs never share a folder, so create-only writes never collide).
    internal static string RunName(DateTimeOffset now, string? account) =>
        $"{now.UtcDateTime:yyyyMMdd'T'HHmmss'.'fff'Z'}-{account ?? "unknown-account"}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6))}";

    // The snapshot is the last run at least as complete as the one before (SnapshotRule), with what that run could not
    // read carried forward. Replaced only over the version read (If-Match) or created only if absent (If-None-Match),
    // so of two concurrent runs one wins and the other says so.
    private async Task<bool> ReplaceSnapshot(string key, StoredReport? previous, AuditSnapshot? previousSnapshot, AccountInventory inventory, AuditReport report,
        IReadOnlyDictionary<string, DateTimeOffset> firstSeen, CancellationToken cancellationToken)
    {
        var decision = SnapshotRule.Decide(inventory, report, previousSnapshot);
        if (!decision.Replace)
        {
            log("WARN", $"this run is less complete than the snapshot `{key}` ({decision.Refusal}): the snapshot is left as it was");
            return false;
        }
        if (!decision.Carried.IsEmpty)
            log("INFO", $"{decision.Carried.Length} findings on resources this run could not read are carried forward from the snapshot");
        var seen = firstSeen.ToDictionary(StringComparer.Ordinal);
        foreach (var finding in decision.Carried)
            seen[finding.Fingerprint] = previousSnapshot!.FirstSeen.GetValueOrDefault(finding.Fingerprint, decision.LastRead[finding.Fingerprint]);
        var snapshot = report with { Findings = [.. report.Findings, .. decision.Carried] };
        var condition = previous is null ? WriteCondition.CreateOnly : WriteCondition.ReplaceIf(previous.ETag);
        var kept = SnapshotRule.CarryInventory(inventory, previousSnapshot);
        var result = await store.WriteAsync(key, stream => SnapshotJson.Write(stream, kept, snapshot, seen, decision.LastRead), "application/json", condition, cancellationToken).ConfigureAwait(false);
        if (!result.Written)
            log("WARN", $"another run replaced the snapshot `{key}` first; this run's reports are kept under runs/");
        return result.Written;
    }
}
