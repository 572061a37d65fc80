using System.Diagnostics;
using System.Text;
using ImAudit.AwsEmulator;
using ImAudit.Engine.Inventory;
using ImAudit.LambdaRuntimeHost;
using Microsoft.AspNetCore.Builder;

namespace ImAudit.Function.Tests;

/// <summary>
/// The function as <c>sam local invoke</c> would run it, without Docker: the AWS API emulator serving an account with
/// an empty report bucket, the Lambda runtime API test host, and the real Native AOT bootstrap pointed at both.
/// </summary>
internal sealed class LocalFunction(string bootstrap, TimeSpan timeout) : IAsyncDisposable
{
    public const string Bucket = "imaudit-reports";
    private WebApplication? _emulatorApp;
    private WebApplication? _hostApp;

    public RuntimeHost Host { get; } = new() { Timeout = timeout };
    public EmulatorApp Emulator { get; private set; } = null!;
    public Process? Process { get; private set; }

    /// <summary>What the bootstrap printed, stdout and stderr together.</summary>
    public StringBuilder Output { get; } = new();

    public async Task StartAsync(AccountInventory inventory)
    {
        (Emulator, _emulatorApp, _) = await EmulatorApp.StartLocalAsync(inventory);
        Emulator.S3.CreateBucket(Bucket);
        _hostApp = Host.Build("http://127.0.0.1:0");
        await _hostApp.StartAsync();
    }

    /// <summary>Starts the bootstrap with test credentials, the emulator as every endpoint and the bucket; <paramref name="extra"/> adds or overrides.</summary>
    public void StartBootstrap(params (string Name, string Value)[] extra) =>
        Process = BootstrapProcess.Start(bootstrap, new Uri(_hostApp!.Urls.First()),
        [
            ("AWS_ACCESS_KEY_ID", "test"), ("AWS_SECRET_ACCESS_KEY", "test"), ("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL", _emulatorApp!.Urls.First()),
            ("IMAUDIT_REPORT_BUCKET", Bucket), .. extra,
        ], Output);

    public async ValueTask DisposeAsync()
    {
        if (Process is { HasExited: false })
            Process.Kill();
        Process?.Dispose();
        if (_hostApp is not null)
            await _hostApp.DisposeAsync();
        if (_emulatorApp is not null)
            await _emulatorApp.DisposeAsync();
    }
}
