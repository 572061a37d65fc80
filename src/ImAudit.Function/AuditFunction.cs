using ImAudit.Aws.Collection;
using ImAudit.Aws.Organizations;
using ImAudit.Aws.Pipeline;
using ImAudit.Aws.Runtime;
using ImAudit.Aws.SecurityHub;
using ImAudit.Aws.Storage;

namespace ImAudit.Function;

/// <summary>
/// The handler: reads the event as an audit request and runs the audit pipeline with the function's settings,
/// AWS clients from its environment (assuming the requested role for collection when there is one) and the
/// report bucket as the store. Returns the summary as JSON.
/// </summary>
internal sealed class AuditFunction(FunctionSettings settings, AwsClientSettings aws, IReportStore store, FunctionLog log)
{
    public static AuditFunction FromEnvironment(IReadOnlyDictionary<string, string> environment, FunctionLog log)
    {
        var settings = FunctionSettings.FromEnvironment(environment);
        if (settings.Bucket is null)
            throw new ArgumentException("IMAUDIT_REPORT_BUCKET is not set: the function needs a bucket for its reports");
        var aws = AwsClientFactory.Settings(environment);
        return new AuditFunction(settings, aws, new S3ReportStore(S3ClientFactory.Create(aws), settings.Bucket), log);
    }

    public async Task<byte[]> HandleAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var request = AuditRequest.Parse(invocation.Event, out var error);
        if (error is not null)
            throw new InvalidEventException(error);
        if (request.Aggregate is not null)
        {
            var aggregate = await new OrganizationAggregate(store, settings, TimeProvider.System, log.Write, () => new AmazonOrganizationsClient(aws))
                .RunAsync(request, cancellationToken).ConfigureAwait(false);
            log.Write("INFO", $"organization: {aggregate.Audited} accounts audited, {aggregate.Failed} not audited, {aggregate.Skipped} skipped; " +
                $"{aggregate.CrossAccountFindings} cross-account findings; {aggregate.New} new; {aggregate.DurationMs} ms");
            return AggregateSummaryJson.Write(aggregate);
        }
        var pipeline = new AuditPipeline(AuditPipeline.ClientsFor(aws, settings.RoleArn, settings.ExternalId, () => AccountOf(invocation.FunctionArn)), store, settings, TimeProvider.System, log.Write, aws.Region)
        {
            SecurityHub = () => new AmazonSecurityHubClient(aws),
        };
        var summary = await pipeline.RunAsync(request, invocation.Deadline, cancellationToken).ConfigureAwait(false);
        log.Write("INFO", $"account {summary.AccountId}: {summary.Critical} critical, {summary.High} high, {summary.Medium} medium, {summary.Low} low, {summary.Info} info; " +
            $"{(summary.Complete ? "complete" : $"INCOMPLETE ({summary.CoverageGaps} gaps)")}; snapshot {(summary.SnapshotUpdated ? "updated" : "kept")}; {summary.DurationMs} ms");
        return AuditSummaryJson.Write(summary);
    }

    // The invoked function's ARN names the account it runs in: arn:aws:lambda:REGION:ACCOUNT:function:NAME.
    private static string? AccountOf(string? functionArn) => Engine.Arn.Parse(functionArn)?.Account;
}
