using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Amazon.Runtime;
using ImAudit.Aws.Runtime;

namespace ImAudit.Aws.Tests;

/// <summary>
/// moto_server, a real and independent local AWS, on 127.0.0.1 (a free port), seeded through boto3 with an IAM
/// account: 60 users, 6 groups, 40 roles, 15 customer managed policies of 3 versions, URL-hostile documents.
/// </summary>
public sealed class MotoFixture : IAsyncLifetime
{
    private Process? _server;

    public string Url { get; private set; } = "";

    /// <summary>What the seeding script reports it created.</summary>
    public JsonElement Created { get; private set; }

    public async Task InitializeAsync()
    {
        (_server, Url) = await StartServerAsync();
        var script = Path.Combine(AppContext.BaseDirectory, "Moto", "seed_iam.py");
        var (code, stdout, stderr) = ExternalTool.Run("python3", [script, Url], new Dictionary<string, string>(), TimeSpan.FromMinutes(3));
        Assert.True(code == 0, $"seeding moto failed: {stderr}");
        Created = JsonDocument.Parse(stdout).RootElement.Clone();
    }

    public Task DisposeAsync()
    {
        if (_server is { HasExited: false })
            _server.Kill(entireProcessTree: true);
        _server?.Dispose();
        return Task.CompletedTask;
    }

    public AwsClientSettings Settings() =>
        new("us-east-1", new BasicAWSCredentials("test", "test"), new AwsServiceEndpoints(new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = Url }))
        {
            Delay = (_, _) => Task.CompletedTask,
        };

    /// <summary>
    /// Starts moto_server on a free port of 127.0.0.1 and waits until it answers. <paramref name="environment"/> is
    /// added to its environment (<c>MOTO_PORT</c> there is where its Step Functions interpreter calls services back).
    /// </summary>
    public static async Task<(Process Server, string Url)> StartServerAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo(ExternalTool.Find("moto_server")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        foreach (var arg in new[] { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        var server = Process.Start(start)!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                if ((await http.GetAsync($"{url}/moto-api/")).IsSuccessStatusCode)
                    break;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"moto_server did not answer on {url} within 30 s");
            await Task.Delay(200);
        }
        return (server, url);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
