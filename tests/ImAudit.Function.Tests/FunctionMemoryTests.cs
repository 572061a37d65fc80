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
    private const string Bucket = LocalFunction.Bucket;
    private readonly LocalFunction _function = new(bootstrap.Path, TimeSpan.FromMinutes(5));

    public Task InitializeAsync() => _function.StartAsync(SyntheticAccount.Generate(50));

    public async Task DisposeAsync() => await _function.DisposeAsync();

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
        _function.StartBootstrap(("DOTNET_GCHeapHardLimit", $"0x{memory * 1024L * 1024 * 3 / 4:x}"));
        var scheduled = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "events", "scheduled-rule.json"));

        foreach (var run in new[] { "first", "second" })
        {
            var result = await _function.Host.InvokeAsync(scheduled);

            Assert.False(result.IsError, $"{run} run: {result.ErrorType} {Encoding.UTF8.GetString(result.Body)}\n{_function.Output}");
            var summary = JsonDocument.Parse(result.Body).RootElement;
            Assert.True(summary.GetProperty("complete").GetBoolean(), $"{run} run incomplete: {Encoding.UTF8.GetString(result.Body)}");
            Assert.True(summary.GetProperty("snapshotUpdated").GetBoolean(), $"{run} run kept the snapshot");
            await Task.Delay(1100); // run keys are timestamped to the second
        }
        var peak = PeakMb(_function.Process!);
        Assert.True(peak < memory, $"peak resident memory {peak:F0} MB is above the template's {memory} MB");
        Assert.Contains("imaudit/snapshots/111122223333/latest.json", _function.Emulator.S3.Objects(Bucket).Keys);
    }
}
