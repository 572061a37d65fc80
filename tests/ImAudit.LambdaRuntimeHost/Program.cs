using System.Diagnostics;
using ImAudit.LambdaRuntimeHost;

// A local `sam local invoke` without Docker:
//   dotnet run --project tests/ImAudit.LambdaRuntimeHost -- --bootstrap DIR/bootstrap --event events/scheduled.json [--env NAME=VALUE ...]
// or only the API (a runtime started elsewhere points AWS_LAMBDA_RUNTIME_API at it):
//   dotnet run --project tests/ImAudit.LambdaRuntimeHost -- --urls http://127.0.0.1:9001
var urls = Option("--urls") ?? "http://127.0.0.1:0";
var host = new RuntimeHost();
var app = host.Build(urls);
await app.StartAsync();
var address = new Uri(app.Urls.First());
if (Option("--bootstrap") is not { } bootstrap)
{
    Console.WriteLine($"Lambda runtime API on {address} (invoke: POST {address}2015-03-31/functions/function/invocations)");
    await app.WaitForShutdownAsync();
    return 0;
}
var start = new ProcessStartInfo(Path.GetFullPath(bootstrap)) { UseShellExecute = false };
start.Environment["AWS_LAMBDA_RUNTIME_API"] = $"{address.Host}:{address.Port}";
start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "imaudit";
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--env" && args[i + 1].Split('=', 2) is [var name, var value])
        start.Environment[name] = value;
}
var started = DateTimeOffset.UtcNow;
using var process = Process.Start(start)!;
var payload = Option("--event") is { } file ? File.ReadAllBytes(file) : "{}"u8.ToArray();
var invoked = Stopwatch.StartNew();
var result = await host.InvokeAsync(payload);
Console.WriteLine(System.Text.Encoding.UTF8.GetString(result.Body));
if (host.FirstNext.Task.IsCompleted)
    Console.Error.WriteLine($"cold start (process start to first invocation/next): {(await host.FirstNext.Task - started).TotalMilliseconds:0} ms; invocation: {invoked.ElapsedMilliseconds} ms");
process.Kill();
await app.StopAsync();
return result.IsError ? 1 : 0;

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
