using ImAudit.AwsEmulator;
using ImAudit.Cli.Commands;
using ImAudit.Engine.Inventory;
using Microsoft.AspNetCore.Builder;

namespace ImAudit.Cli.Tests;

/// <summary>
/// The CLI's and the function's account report sets are one description: <c>imaudit scan --live</c> and the function's
/// pipeline (<c>imaudit invoke</c>, writing its run folder through the directory store) over the same emulated account,
/// at the same time, with the same Region and docs URL, write the same report files byte for byte; only what each keeps
/// beside the reports differs (the CLI its snapshot, the function the inventory it read).
/// </summary>
public sealed class ReportSetParityTests : DemoEmulatorTests
{
    private const string DocsUrl = "https://github.com/example/imaudit/blob/main/";
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);


    [Fact]
    public void The_scan_folder_and_the_function_run_folder_hold_the_same_reports_with_the_same_bytes()
    {
        var scan = Path.Combine(Out, "scan");
        var store = Path.Combine(Out, "store");
        Run(ScanCommand.Run, Arguments.Parse(ScanCommand.Verb, "--live", "--out", scan, "--docs-url", DocsUrl));
        Run(InvokeCommand.Run, Arguments.Parse(InvokeCommand.Verb, CliRunner.Fixture("events/scheduler.json"), "--out", store));
        var run = Assert.Single(Directory.GetDirectories(Path.Combine(store, "imaudit", "runs")));

        var cli = Files(scan).Where(f => !f.StartsWith("history/", StringComparison.Ordinal)).ToList();
        var function = Files(run);

        Assert.Equal(["asff/batch-001.json", "report.html", "report.json", "report.md"], cli.Intersect(function).Order(StringComparer.Ordinal));
        Assert.Equal(["snapshot.json"], cli.Except(function));
        Assert.Equal(["inventory.json"], function.Except(cli));
        Assert.All(cli.Intersect(function), name => Assert.True(File.ReadAllBytes(Path.Combine(scan, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(run, name))),
            $"`{name}` differs between the scan and the function's run"));
    }

    private void Run(Func<Arguments, TextWriter, TextWriter, TimeProvider, CliEnvironment, int> command, Arguments arguments)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "test", ["AWS_SECRET_ACCESS_KEY"] = "test", ["AWS_REGION"] = "us-east-1", ["AWS_ENDPOINT_URL"] = Url, ["IMAUDIT_DOCS_URL"] = DocsUrl,
        };
        var code = command(arguments, stdout, stderr, new FixedClock(Now), new CliEnvironment(environment, Interactive: false));
        Assert.True(code is 0 or 1 or 3, $"exit {code}: {stderr}");
    }

    private static List<string> Files(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))];

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
