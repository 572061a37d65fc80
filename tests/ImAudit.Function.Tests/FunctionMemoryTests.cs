using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ImAudit.AwsEmulator;
using ImAudit.Bench;
using ImAudit.LambdaRuntimeHost;
using Microsoft.AspNetCore.Builder;

namespace ImAudit.Function.Tests;

/// <summary>
/// Issue 14, item 4: the function on the synthetic 50× account (6,100 principals, 10,363 documents, collected over
/// HTTP from the emulator) inside the memory template.yaml gives it. The real Native AOT bootstrap runs under the
/// runtime API host with its GC heap held to what .NET takes of the function's memory (75 %), as Lambda's cgroup
/// does; two invocations (the second compares with the first's snapshot) must both complete, and the process's
/// peak resident memory must stay inside the function's memory.
/// </summary>
[Collection(BootstrapCollection.Name)]
public sealed class FunctionMemoryTests(BootstrapFixture bootstrap) : IAsyncLifetime
{
    private const string Bucket = "imaudit-reports";
    private readonly RuntimeHost _host = new() { Timeout = TimeSpan.FromMinutes(5) };
    private EmulatorApp _emulator = null!;
    private WebApplication? _emulatorApp;
    private WebApplication? _hostApp;
    private Process? _process;
    private readonly StringBuilder _output = new();

    public async Task InitializeAsync()
    {
        (_emulator, _emulatorApp, _) = await EmulatorApp.StartLocalAsync(SyntheticAccount.Generate(50));
        _emulator.S3.CreateBucket(Bucket);
        _hostApp = _host.Build("http://127.0.0.1:0");
        await _hostApp.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
            _process.Kill();
        _process?.Dispose();
        if (_hostApp is not null)
            await _hostApp.DisposeAsync();
        if (_emulatorApp is not null)
            await _emulatorApp.DisposeAsync();
    }

    // The template's default FunctionMemorySize, in MB.
    private static int TemplateMemoryMb()
    {
        var template = File.ReadAllText(Path.Combine(BootstrapFixture.RepositoryRoot(), "template.yaml"));
        var match = Regex.Match(template, @"\n  FunctionMemorySize:\n(?:    .*\n)*?    Default: (\d+)\n");
        Assert.True(match.Success, "template.yaml has no FunctionMemorySize default");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    // The process's peak resident memory so far, in MB (Linux: VmHWM).
    private static double PeakMb(Process process) =>
        long.Parse(Regex.Match(File.ReadAllText($"/proc/{process.Id}/status"), @"VmHWM:\s+(\d+) kB").Groups[1].Value, CultureInfo.InvariantCulture) / 1024.0;

    [Fact]
    public async Task The_synthetic_50x_account_is_audited_twice_inside_the_templates_memory()
    {
        var memory = TemplateMemoryMb();
        _process = BootstrapProcess.Start(bootstrap.Path, new Uri(_hostApp!.Urls.First()),
        [
            ("AWS_ACCESS_KEY_ID", "test"), ("AWS_SECRET_ACCESS_KEY", "test"), ("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL", _emulatorApp!.Urls.First()),
            ("IMAUDIT_REPORT_BUCKET", Bucket), ("DOTNET_GCHeapHardLimit", $"0x{memory * 1024L * 1024 * 3 / 4:x}"),
        ], _output);
        var scheduled = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "events", "scheduled-rule.json"));

        foreach (var run in new[] { "first", "second" })
        {
            var result = await _host.InvokeAsync(scheduled);

            Assert.False(result.IsError, $"{run} run: {result.ErrorType} {Encoding.UTF8.GetString(result.Body)}\n{_output}");
            var summary = JsonDocument.Parse(result.Body).RootElement;
            Assert.True(summary.GetProperty("complete").GetBoolean(), $"{run} run incomplete: {Encoding.UTF8.GetString(result.Body)}");
            Assert.True(summary.GetProperty("snapshotUpdated").GetBoolean(), $"{run} run kept the snapshot");
            await Task.Delay(1100); // run keys are timestamped to the second
        }
        var peak = PeakMb(_process);
        Assert.True(peak < memory, $"peak resident memory {peak:F0} MB is above the template's {memory} MB");
        Assert.Contains("imaudit/snapshots/111122223333/latest.json", _emulator.S3.Objects(Bucket).Keys);
    }
}
