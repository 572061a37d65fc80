using ImAudit.Aws.Collection;
using ImAudit.Aws.Pipeline;
using ImAudit.Aws.Runtime;
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
        return await new AuditInvocation(settings, aws, store, TimeProvider.System, log.Write)
            .RunAsync(request, () => AccountOf(invocation.FunctionArn), invocation.Deadline, cancellationToken).ConfigureAwait(false);
    }

    // The invoked function's ARN names the account it runs in: arn:aws:lambda:REGION:ACCOUNT:function:NAME.
    private static string? AccountOf(string? functionArn) => Engine.Arn.Parse(functionArn)?.Account;
}
