using ImAudit.Function;

// The Lambda custom-runtime bootstrap: init (configuration and clients), then the runtime loop.
var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
    .ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal);
var log = new FunctionLog(Console.Out, string.Equals(environment.GetValueOrDefault("AWS_LAMBDA_LOG_FORMAT"), "JSON", StringComparison.OrdinalIgnoreCase));
if (environment.GetValueOrDefault("AWS_LAMBDA_RUNTIME_API") is not { Length: > 0 } runtimeApi)
{
    Console.Error.WriteLine("bootstrap: AWS_LAMBDA_RUNTIME_API is not set; this program runs under the Lambda runtime (or `imaudit invoke` for a local run)");
    return 2;
}
using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
var runtime = new RuntimeApiClient(http, runtimeApi);
AuditFunction function;
try
{
    function = AuditFunction.FromEnvironment(environment, log);
}
catch (Exception e) when (e is ArgumentException or InvalidOperationException or Amazon.Runtime.AmazonClientException)
{
    log.Write("ERROR", $"init failed: {e.Message}");
    try
    {
        await runtime.InitErrorAsync("Runtime.InitError", ImAudit.Engine.MessageText.OneLine(e.Message));
    }
    catch (RuntimeApiUnavailableException)
    {
    }
    return 1;
}
return await LambdaLoop.RunAsync(runtime, function.HandleAsync, log);
