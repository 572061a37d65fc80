using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImAudit.LambdaRuntimeHost;

/// <summary>The outcome of one invocation: the response body, or the error type and body the runtime posted.</summary>
public sealed record InvocationResult(string RequestId, bool IsError, string? ErrorType, byte[] Body);

/// <summary>
/// A Lambda Runtime API for tests and local runs: <c>/2018-06-01/runtime/invocation/next</c>, <c>/response</c>,
/// <c>/error</c>, <c>/init/error</c>, and the runtime interface emulator's
/// <c>POST /2015-03-31/functions/function/invocations</c>. Invocations carry a deadline and a trace ID.
/// </summary>
public sealed class RuntimeHost
{
    private readonly Channel<(string Id, byte[] Event)> _queue = Channel.CreateUnbounded<(string, byte[])>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationResult>> _pending = new();

    /// <summary>How long each invocation may run (the deadline handed to the function).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The init error the runtime reported, if any.</summary>
    public TaskCompletionSource<InvocationResult> InitError { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, <c>invocation/next</c> answers 500 (the runtime must then exit).</summary>
    public bool FailNext { get; set; }

    public ConcurrentQueue<string> TraceIds { get; } = new();

    /// <summary>The ARN each invocation names (Lambda-Runtime-Invoked-Function-Arn): its account is the function's own.</summary>
    public string FunctionArn { get; init; } = "arn:aws:lambda:us-east-1:111122223333:function:imaudit";

    /// <summary>When the runtime first asked for an invocation (cold start ends there).</summary>
    public TaskCompletionSource<DateTimeOffset> FirstNext { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WebApplication Build(string urls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        var app = builder.Build();
        app.MapGet("/2018-06-01/runtime/invocation/next", Next);
        app.MapPost("/2018-06-01/runtime/invocation/{id}/response", (string id, HttpContext c) => Complete(id, c, error: false));
        app.MapPost("/2018-06-01/runtime/invocation/{id}/error", (string id, HttpContext c) => Complete(id, c, error: true));
        app.MapPost("/2018-06-01/runtime/init/error", (Delegate)InitFailed);
        app.MapPost("/2015-03-31/functions/function/invocations", Invoke);
        return app;
    }

    /// <summary>Queues an event and waits for the runtime's answer.</summary>
    public async Task<InvocationResult> InvokeAsync(byte[] payload, CancellationToken cancellationToken = default)
    {
        var id = Guid.NewGuid().ToString();
        var done = new TaskCompletionSource<InvocationResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = done;
        await _queue.Writer.WriteAsync((id, payload), cancellationToken).ConfigureAwait(false);
        var finished = await Task.WhenAny(done.Task, InitError.Task, Task.Delay(Timeout + TimeSpan.FromSeconds(30), cancellationToken)).ConfigureAwait(false);
        return finished == done.Task ? await done.Task.ConfigureAwait(false)
            : finished == InitError.Task ? await InitError.Task.ConfigureAwait(false)
            : new InvocationResult(id, true, "Sandbox.Timedout", "{\"errorMessage\":\"the function did not answer in time\"}"u8.ToArray());
    }

    private async Task Next(HttpContext context)
    {
        FirstNext.TrySetResult(DateTimeOffset.UtcNow);
        if (FailNext)
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("{\"errorMessage\":\"runtime API failure (injected)\"}").ConfigureAwait(false);
            return;
        }
        var (id, payload) = await _queue.Reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
        var trace = $"Root=1-{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}-{Guid.NewGuid().ToString("N")[..24]};Parent={Guid.NewGuid().ToString("N")[..16]};Sampled=0";
        TraceIds.Enqueue(trace);
        context.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = id;
        context.Response.Headers["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.Add(Timeout).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = FunctionArn;
        context.Response.Headers["Lambda-Runtime-Trace-Id"] = trace;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(payload).ConfigureAwait(false);
    }

    private async Task<IResult> Complete(string id, HttpContext context, bool error)
    {
        if (!_pending.TryRemove(id, out var done))
            return Results.Json(new Dictionary<string, string> { ["errorMessage"] = $"unknown request ID {id}", ["errorType"] = "InvalidRequestID" }, statusCode: 400);
        var body = await Body(context).ConfigureAwait(false);
        done.SetResult(new InvocationResult(id, error, error ? context.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString() : null, body));
        return Results.Accepted();
    }

    private async Task<IResult> InitFailed(HttpContext context)
    {
        InitError.TrySetResult(new InvocationResult("init", true, context.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString(), await Body(context).ConfigureAwait(false)));
        return Results.Accepted();
    }

    private async Task Invoke(HttpContext context)
    {
        var result = await InvokeAsync(await Body(context).ConfigureAwait(false), context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        if (result.IsError)
            context.Response.Headers["X-Amz-Function-Error"] = "Unhandled";
        await context.Response.Body.WriteAsync(result.Body).ConfigureAwait(false);
    }

    private static async Task<byte[]> Body(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
