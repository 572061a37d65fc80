using System.Globalization;
using System.Security.Cryptography;
using ImAudit.Engine.Inventory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace ImAudit.AwsEmulator;

/// <summary>
/// The AWS API emulator: one endpoint for every service, routed by the SigV4 credential scope. Each request's
/// signature is verified against the accepted credentials; faults are injected on request; the answers come
/// from the inventories in each service's real wire format and error shape. The first inventory is the home account
/// (the accepted access key); the others are reached through AssumeRole into their roles, whose session keys name the
/// account (see <see cref="EmulatorOptions"/>), and answer with their own data. One S3 serves them all.
/// </summary>
public sealed class EmulatorApp
{
    private readonly EmulatorOptions _options;
    private readonly Dictionary<string, EmulatedAccount> _accounts;
    private readonly EmulatedAccount _home;

    public EmulatorApp(AccountInventory inventory, EmulatorOptions options)
        : this([inventory], options)
    {
    }

    public EmulatorApp(IReadOnlyList<AccountInventory> inventories, EmulatorOptions options)
    {
        if (inventories.Count == 0)
            throw new ArgumentException("the emulator needs at least one inventory");
        _options = options;
        var roles = inventories.SelectMany(i => i.Roles).Select(r => r.Arn).ToHashSet(StringComparer.Ordinal);
        var served = inventories.Select(i => i.AccountId).ToHashSet(StringComparer.Ordinal);
        _accounts = inventories.DistinctBy(i => i.AccountId).ToDictionary(i => i.AccountId,
            i => new EmulatedAccount(i, options with { AccountId = i.AccountId }, roles, served.Contains, S3), StringComparer.Ordinal);
        _home = _accounts[inventories[0].AccountId];
    }

    /// <summary>The accounts served, the home account first.</summary>
    public IEnumerable<string> AccountIds => _accounts.Keys.OrderBy(a => a == _home.Inventory.AccountId ? 0 : 1).ThenBy(a => a, StringComparer.Ordinal);

    public FaultInjector Faults { get; } = new();

    /// <summary>The in-memory S3 (tests create buckets and read objects through it).</summary>
    public S3Handler S3 { get; } = new();

    /// <summary>How many requests each service and operation received (tests read it to count retries and pages).</summary>
    public RequestLog Requests { get; } = new();

    /// <summary>A web application serving the emulator at <paramref name="urls"/> (e.g. <c>http://127.0.0.1:0</c>).</summary>
    public WebApplication Build(string urls, string[]? args = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        // S3 takes a single PUT of up to 5 GB; Kestrel's default 30 MB refused a 50x account's 73 MB report.json (413).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 5L << 30);
        var app = builder.Build();
        app.Run(HandleAsync);
        return app;
    }

    /// <summary>An emulator serving <paramref name="inventory"/> on a free port of 127.0.0.1, started (tests).</summary>
    public static Task<(EmulatorApp Emulator, WebApplication App, string Url)> StartLocalAsync(AccountInventory inventory) =>
        StartLocalAsync([inventory], new EmulatorOptions(inventory.AccountId));

    /// <summary>An emulator serving several accounts (the first is home) on a free port of 127.0.0.1, started (tests).</summary>
    public static async Task<(EmulatorApp Emulator, WebApplication App, string Url)> StartLocalAsync(IReadOnlyList<AccountInventory> inventories, EmulatorOptions options)
    {
        var emulator = new EmulatorApp(inventories, options);
        var app = emulator.Build("http://127.0.0.1:0");
        await app.StartAsync().ConfigureAwait(false);
        return (emulator, app, app.Urls.First());
    }

    public async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer).ConfigureAwait(false);
        var body = buffer.ToArray();
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        var (rawPath, rawQuery) = rawTarget.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? (rawTarget[..q], rawTarget[q..]) : (rawTarget, "");
        var scope = SigV4Verifier.Parse(context.Request.Headers.Authorization, out var parseError, out var signedHeaders, out var signature);
        var account = scope is null ? _home : AccountFor(scope.AccessKey) ?? _home;
        var handler = scope is not null ? account.Handlers.GetValueOrDefault(scope.Service) : null;
        if (scope is null || handler is null)
        {
            await Write(context, AwsReply.Json($$"""{"__type":"MissingAuthenticationTokenException","message":"{{parseError ?? $"no emulated service `{scope?.Service}`"}}"}""", status: 403)).ConfigureAwait(false);
            return;
        }
        if (Verify(context, scope, rawPath, rawQuery, signedHeaders, signature, body) is { } signatureError)
        {
            await Write(context, handler.Error(signatureError.Code, signatureError.Message, 403)).ConfigureAwait(false);
            return;
        }
        if (Payload(context, scope, signature, body, out var payloadError) is not { } payload)
        {
            await Write(context, handler.Error(scope.Service == "s3" ? "InvalidRequest" : "ValidationException", payloadError!, 400)).ConfigureAwait(false);
            return;
        }
        var request = new AwsRequest(scope, context.Request.Method, rawPath, context.Request.Query, context.Request.Headers, payload);
        var (operation, resources) = handler.Identify(request);
        Requests.Add(scope.Service, operation);
        var fault = Faults.Take(scope.Service, operation, resources);
        var recorded = resources.Select(r => account.Recorded.GetValueOrDefault((scope.Service, operation, r))).FirstOrDefault(e => e is not null);
        var reply = recorded is not null && fault is null
            ? handler.Error(recorded.Code, recorded.Message, recorded.Code.Contains("AccessDenied", StringComparison.Ordinal) ? handler.AccessDenied.Status : 400)
            : fault is not null
            ? await Inject(fault, handler, request, operation, context.RequestAborted).ConfigureAwait(false)
            : Answer(handler, request, operation);
        await Write(context, reply, truncate: fault is { Kind: FaultKind.Truncate }).ConfigureAwait(false);
    }

    // The home account's key, or a member session's key naming a served account.
    private EmulatedAccount? AccountFor(string accessKey) =>
        accessKey == _options.AccessKey ? _home
        : EmulatorOptions.AccountOfMemberKey(accessKey) is { } id && id != _home.Inventory.AccountId ? _accounts.GetValueOrDefault(id) : null;

    private static AwsReply Answer(IServiceHandler handler, AwsRequest request, string operation)
    {
        try
        {
            return handler.Handle(request, operation);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return handler.Error(handler.Service.StartsWith("ssm", StringComparison.Ordinal) ? "ValidationException" : "ValidationError", $"malformed request: {e.Message}", 400);
        }
    }

    private static async Task<AwsReply> Inject(FaultRule fault, IServiceHandler handler, AwsRequest request, string operation, CancellationToken aborted)
    {
        switch (fault.Kind)
        {
            case FaultKind.Throttle:
                return handler.Error(handler.Throttling.Code, "Rate exceeded", handler.Throttling.Status);
            case FaultKind.ServerError:
                return handler.Error(handler.Service.StartsWith("ssm", StringComparison.Ordinal) ? "InternalServerException" : "ServiceFailure", "injected server error", 500);
            case FaultKind.AccessDenied:
                return handler.Error(handler.AccessDenied.Code, $"User: arn:aws:iam::emulator:user/imaudit is not authorized to perform: {handler.Service}:{operation}", handler.AccessDenied.Status);
            case FaultKind.Latency:
                await Task.Delay(fault.Delay ?? TimeSpan.FromSeconds(2), aborted).ConfigureAwait(false);
                return Answer(handler, request, operation);
            default:
                return Answer(handler, request, operation);
        }
    }

    // The credential must be the accepted access key, the date recent, and the signature the one the secret gives.
    private (string Code, string Message)? Verify(HttpContext context, SigV4Scope scope, string rawPath, string rawQuery, string[] signedHeaders, string signature, byte[] body)
    {
        var json = scope.Service.StartsWith("ssm", StringComparison.Ordinal);
        if (AccountFor(scope.AccessKey) is null)
            return (json ? "UnrecognizedClientException" : "InvalidClientTokenId", $"The security token included in the request is invalid (access key `{scope.AccessKey}`)");
        var amzDate = context.Request.Headers["X-Amz-Date"].ToString();
        if (!DateTime.TryParseExact(amzDate, "yyyyMMddTHHmmssZ", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt)
            || Math.Abs((DateTime.UtcNow - signedAt).TotalMinutes) > 15 || !amzDate.StartsWith(scope.Date, StringComparison.Ordinal))
            return (json ? "InvalidSignatureException" : "SignatureDoesNotMatch", $"Signature expired or X-Amz-Date `{amzDate}` is not within 15 minutes or not the credential date");
        if (!signedHeaders.Contains("host"))
            return (json ? "InvalidSignatureException" : "SignatureDoesNotMatch", "the host header is not signed");
        var headers = new List<(string, string)>();
        foreach (var name in signedHeaders)
        {
            foreach (var value in context.Request.Headers[name])
                headers.Add((name, value ?? ""));
        }
        var payload = context.Request.Headers["X-Amz-Content-SHA256"].ToString() is { Length: > 0 } declared && scope.Service == "s3"
            ? declared
            : SigV4Verifier.Hex(SHA256.HashData(body));
        var expected = SigV4Verifier.Expected(_options.SecretKey, scope, amzDate, context.Request.Method, rawPath, rawQuery, headers, signedHeaders, payload);
        return SigV4Verifier.Same(expected, signature)
            ? null
            : (json ? "InvalidSignatureException" : "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.");
    }

    // The body as sent, or decoded from S3's aws-chunked framing (chunk signatures verified); a declared payload
    // hash must be the body's.
    private byte[]? Payload(HttpContext context, SigV4Scope scope, string seedSignature, byte[] body, out string? error)
    {
        error = null;
        var declared = context.Request.Headers["X-Amz-Content-SHA256"].ToString();
        switch (declared)
        {
            case "" or "UNSIGNED-PAYLOAD":
                return body;
            case AwsChunked.Signed or AwsChunked.SignedWithTrailer or AwsChunked.UnsignedWithTrailer:
                return AwsChunked.Decode(body, declared != AwsChunked.UnsignedWithTrailer, _options.SecretKey, scope,
                    context.Request.Headers["X-Amz-Date"].ToString(), seedSignature, out error);
            default:
                if (string.Equals(declared, SigV4Verifier.Hex(SHA256.HashData(body)), StringComparison.OrdinalIgnoreCase))
                    return body;
                error = "XAmzContentSHA256Mismatch: the provided x-amz-content-sha256 header does not match what was computed";
                return null;
        }
    }

    private static async Task Write(HttpContext context, AwsReply reply, bool truncate = false)
    {
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
            context.Response.Headers[name] = value;
        context.Response.ContentLength = reply.DeclaredLength ?? reply.Body.Length;
        if (context.Request.Method == "HEAD")
            return;
        if (!truncate)
        {
            await context.Response.Body.WriteAsync(reply.Body).ConfigureAwait(false);
            return;
        }
        // Half the promised body, then the connection drops: the client sees a short read.
        await context.Response.Body.WriteAsync(reply.Body.AsMemory(0, reply.Body.Length / 2)).ConfigureAwait(false);
        await context.Response.Body.FlushAsync().ConfigureAwait(false);
        context.Abort();
    }
}

/// <summary>Counts of requests per service and operation.</summary>
public sealed class RequestLog
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), int> _counts = new();

    public void Add(string service, string operation) => _counts.AddOrUpdate((service, operation), 1, (_, n) => n + 1);

    public int Count(string service, string operation) => _counts.GetValueOrDefault((service, operation));

    public void Clear() => _counts.Clear();
}
