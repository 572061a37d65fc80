using Amazon.Runtime;
using ImAudit.Cli.CommandLine;
using ImAudit.Aws.Collection;
using ImAudit.Aws.Pipeline;
using ImAudit.Aws.Storage;

namespace ImAudit.Cli.Commands;

/// <summary>
/// <c>imaudit invoke EVENT [--out DIR] [--timeout SECONDS]</c>: runs the function's handler in-process with an event
/// file, as <c>sam local invoke -e EVENT</c> would: live collection from the environment's AWS credentials, reports
/// to <c>IMAUDIT_REPORT_BUCKET</c> when it is set, else to <c>--out</c> (default ./imaudit-report). Prints the
/// summary the function returns and its log lines on stderr. An aggregate event (the organization audit's last step)
/// reads the accounts' snapshots from the same store and writes the organization report.
/// </summary>
internal static class InvokeCommand
{
    public static Verb Verb { get; } = new("invoke",
        "Runs the Lambda handler in-process with an event file (as `sam local invoke -e EVENT`); reports to IMAUDIT_REPORT_BUCKET when set, else to --out.",
        "EVENT", "the event file (see events/)",
        [
            VerbOption.Valued("--out", "DIR", "report folder when IMAUDIT_REPORT_BUCKET is not set (default ./imaudit-report)"),
            VerbOption.Valued("--timeout", "SECONDS", "the invocation's deadline (default 900)"),
        ],
        (a, c) => Run(a, c.Stdout, c.Stderr, c.Time, c.Environment));

    public static int Run(Arguments arguments, TextWriter stdout, TextWriter stderr, TimeProvider time, CliEnvironment environment)
    {
        if (arguments.Positionals.Count != 1)
            throw new UsageException("invoke takes one EVENT file (see events/)");
        var path = arguments.Positionals[0];
        var request = AuditRequest.Parse(PolicyFiles.ReadBytes(path), out var error);
        if (error is not null)
            throw new UsageException($"`{path}`: {error}");
        var timeout = arguments.Seconds("--timeout", TimeSpan.FromMinutes(15));
        try
        {
            var settings = FunctionSettings.FromEnvironment(environment.Variables);
            var aws = AwsClientFactory.Settings(environment.Variables, handler: environment.Handler);
            IReportStore store = settings.Bucket is { } bucket
                ? new S3ReportStore(S3ClientFactory.Create(aws), bucket)
                : new DirectoryReportStore(arguments.Single("--out") ?? "imaudit-report");
            void Log(string level, string message) => stderr.WriteLine(level == "METRICS" ? message : $"{level} {message}");
            var summary = new AuditInvocation(settings, aws, store, time, Log)
                .RunAsync(request, AuditPipeline.CallerAccount(aws), time.GetUtcNow().Add(timeout)).GetAwaiter().GetResult();
            stdout.WriteLine(System.Text.Encoding.UTF8.GetString(summary));
            return ExitCodes.Ok;
        }
        catch (AmazonServiceException e)
        {
            throw new UsageException($"{e.ErrorCode}: {Engine.MessageText.OneLine(e.Message)}");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or AmazonClientException or AwsUnreachableException or RoleNotAssumedException)
        {
            throw new UsageException(Engine.MessageText.OneLine(e.Message));
        }
        // The report bucket, or the role to assume, cannot be reached (after the SDK's retries).
        catch (Exception e) when (ConnectionFailure.Describe(e) is { } reason)
        {
            throw new UsageException($"cannot reach AWS: {Engine.MessageText.OneLine(reason)}");
        }
    }
}
