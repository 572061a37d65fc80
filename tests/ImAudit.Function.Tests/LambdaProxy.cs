using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImAudit.Function.Tests;

/// <summary>
/// What stands at <c>localhost:$MOTO_PORT</c> when moto's Step Functions interpreter calls services back: Lambda's
/// <c>POST /2015-03-31/functions/{name}/invocations</c> goes to the Lambda runtime host (where the real bootstrap
/// answers), everything else to moto_server, both as they are (method, path, query, headers, body).
/// </summary>
internal static class LambdaProxy
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase) { "Host", "Transfer-Encoding", "Connection", "Keep-Alive", "Content-Length" };

    /// <summary>
    /// Bound to a port the system gives (read it from the started app's URL), so nothing can take it between choosing
    /// and binding; the targets are asked for per request, since moto starts after the proxy (it needs its port).
    /// </summary>
    public static WebApplication Build(Func<string> motoUrl, Func<string> runtimeHostUrl)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            var invocation = context.Request.Method == "POST" && path.StartsWith("/2015-03-31/functions/", StringComparison.Ordinal) && path.EndsWith("/invocations", StringComparison.Ordinal);
            var target = invocation ? $"{runtimeHostUrl().TrimEnd('/')}/2015-03-31/functions/function/invocations" : $"{motoUrl().TrimEnd('/')}{path}{context.Request.QueryString}";
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            request.Content = new ByteArrayContent(body.ToArray());
            foreach (var (name, values) in context.Request.Headers.Where(h => !HopByHop.Contains(h.Key)))
            {
                if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                    request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
            using var response = await http.SendAsync(request, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(h => !HopByHop.Contains(h.Key)))
                context.Response.Headers[name] = values.ToArray();
            await response.Content.CopyToAsync(context.Response.Body);
        });
        return app;
    }
}
