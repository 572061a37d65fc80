using ImAudit.LambdaRuntimeHost;
using Microsoft.AspNetCore.Builder;

namespace ImAudit.Function.Tests;

/// <summary>The runtime API client and loop against the runtime API host over HTTP, with a stand-in handler.</summary>
public sealed class RuntimeLoopTests : IAsyncLifetime
{
    private readonly RuntimeHost _host = new() { Timeout = TimeSpan.FromSeconds(30) };
    private WebApplication? _app;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly StringWriter _output = new();
    private RuntimeApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = _host.Build("http://127.0.0.1:0");
        await _app.StartAsync();
        var url = new Uri(_app.Urls.First());
        _client = new RuntimeApiClient(_http, $"{url.Host}:{url.Port}");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
    }

    // Cancelled, the loop ends either inside its wait for the next invocation (OperationCanceledException) or, when the
    // cancellation lands between two invocations, at its loop check (exit code 0): both are a clean stop. (Asserting
    // only the first was flaky under load.)
    private static async Task AssertStopped(Task<int> loop)
    {
        try
        {
            Assert.Equal(0, await loop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private Task<int> Loop(LambdaLoop.Handler handler, CancellationToken token) => LambdaLoop.RunAsync(_client, handler, new FunctionLog(_output, json: true), token);

    [Fact]
    public async Task Each_invocation_gets_its_response_with_the_trace_id_and_deadline_set()
    {
        using var stop = new CancellationTokenSource();
        var seen = new List<(string? Trace, DateTimeOffset Deadline)>();
        var loop = Loop((invocation, _) =>
        {
            seen.Add((Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID"), invocation.Deadline));
            return Task.FromResult(System.Text.Encoding.UTF8.GetBytes($$"""{"echo":{{System.Text.Encoding.UTF8.GetString(invocation.Event)}}}"""));
        }, stop.Token);

        var first = await _host.InvokeAsync("""{"n":1}"""u8.ToArray());
        var second = await _host.InvokeAsync("""{"n":2}"""u8.ToArray());
        await stop.CancelAsync();

        Assert.False(first.IsError);
        Assert.Equal("""{"echo":{"n":2}}""", System.Text.Encoding.UTF8.GetString(second.Body));
        Assert.Equal(_host.TraceIds.ToArray(), seen.Select(s => s.Trace));
        Assert.All(seen, s => Assert.InRange(s.Deadline, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddSeconds(31)));
        await AssertStopped(loop);
    }

    [Fact]
    public async Task A_failing_handler_posts_an_error_with_its_type_and_the_loop_goes_on()
    {
        using var stop = new CancellationTokenSource();
        var calls = 0;
        var loop = Loop((_, _) => ++calls == 1 ? throw new InvalidEventException("`regions` must be a list of Region names") : Task.FromResult("{}"u8.ToArray()), stop.Token);

        var failed = await _host.InvokeAsync("{}"u8.ToArray());
        var next = await _host.InvokeAsync("{}"u8.ToArray());
        await stop.CancelAsync();

        Assert.True(failed.IsError);
        Assert.Equal("InvalidEvent", failed.ErrorType);
        using var body = System.Text.Json.JsonDocument.Parse(failed.Body);
        Assert.Equal("`regions` must be a list of Region names", body.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidEvent", body.RootElement.GetProperty("errorType").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Array, body.RootElement.GetProperty("stackTrace").ValueKind);
        Assert.False(next.IsError);
        Assert.Contains("\"level\":\"ERROR\"", _output.ToString(), StringComparison.Ordinal);
        await AssertStopped(loop);
    }

    [Fact]
    public async Task A_500_from_the_runtime_api_ends_the_loop()
    {
        _host.FailNext = true;

        var code = await Loop((_, _) => Task.FromResult("{}"u8.ToArray()), CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains("answered 500", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_init_error_reaches_the_runtime_api_with_its_type()
    {
        await _client.InitErrorAsync("Runtime.InitError", "IMAUDIT_REPORT_BUCKET is not set");

        var error = await _host.InitError.Task;

        Assert.Equal("Runtime.InitError", error.ErrorType);
        Assert.Contains("IMAUDIT_REPORT_BUCKET is not set", System.Text.Encoding.UTF8.GetString(error.Body), StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_logs_are_one_line_and_metrics_lines_pass_through()
    {
        var plain = new StringWriter();
        var log = new FunctionLog(plain, json: false) { RequestId = "r-1" };

        log.Write("WARN", "two\nlines");
        log.Write("METRICS", "{\"_aws\":{}}");

        Assert.Equal("WARN r-1 two lines\n{\"_aws\":{}}\n", plain.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
