using ImAudit.Aws.Organizations;
using ImAudit.Aws.Runtime;
using ImAudit.Aws.Storage;

namespace ImAudit.Aws.Pipeline;

/// <summary>
/// What one invocation does with its event, the deployed function's and <c>imaudit invoke</c>'s alike: an aggregate
/// event runs the organization's aggregate step, any other the account's audit pipeline (collecting through the
/// request's role or the settings', importing into Security Hub when enabled). Logs one summary line and returns the
/// summary as JSON. Built in one place so the two entry points cannot run different pipelines.
/// </summary>
public sealed class AuditInvocation(FunctionSettings settings, AwsClientSettings aws, IReportStore store, TimeProvider time, Action<string, string> log)
{
    /// <param name="request">The event, already read (<see cref="AuditRequest.Parse"/>).</param>
    /// <param name="ownAccount">The account the function runs in, for a request that names no role to assume.</param>
    /// <param name="deadline">When the invocation must have answered: collection stops short of it.</param>
    public async Task<byte[]> RunAsync(AuditRequest request, Func<string?> ownAccount, DateTimeOffset deadline, CancellationToken cancellationToken = default)
    {
        if (request.Aggregate is not null)
        {
            var own = new Lazy<string?>(ownAccount);
            var aggregate = await new OrganizationAggregate(store, settings, time, log, () => new AmazonOrganizationsClient(aws))
            {
                Region = aws.Region,
                SecurityHubFor = (account, partition) => SecurityHubAs(account, partition, own.Value),
            }.RunAsync(request, cancellationToken).ConfigureAwait(false);
            log("INFO", $"organization: {aggregate.Audited} accounts audited, {aggregate.Failed} not audited, {aggregate.Skipped} skipped; " +
                $"{aggregate.CrossAccountFindings} cross-account findings; {aggregate.New} new; {aggregate.DurationMs} ms");
            return AggregateSummaryJson.Write(aggregate);
        }
        var pipeline = new AuditPipeline(AuditPipeline.ClientsFor(aws, settings.RoleArn, settings.ExternalId, ownAccount), store, settings, time, log, aws.Region);
        var summary = await pipeline.RunAsync(request, deadline, cancellationToken).ConfigureAwait(false);
        log("INFO", $"account {summary.AccountId}: {summary.Critical} critical, {summary.High} high, {summary.Medium} medium, {summary.Low} low, {summary.Info} info; " +
            $"{(summary.Complete ? "complete" : $"INCOMPLETE ({summary.CoverageGaps} gaps)")}; snapshot {(summary.SnapshotUpdated ? "updated" : "kept")}; {summary.DurationMs} ms");
        return AuditSummaryJson.Write(summary);
    }

    // Security Hub as an account: the function's own with its credentials, a member through its member role.
    private Func<SecurityHub.IAmazonSecurityHub>? SecurityHubAs(string account, string partition, string? ownAccount) =>
        account == ownAccount ? () => new SecurityHub.AmazonSecurityHubClient(aws)
            : settings.MemberRoleName is { } role ? () => new SecurityHub.AmazonSecurityHubClient(
                Collection.AwsClientFactory.Assume(aws, Collection.OrganizationCollector.MemberRoleArn(partition, account, role), settings.ExternalId))
            : null;
}
