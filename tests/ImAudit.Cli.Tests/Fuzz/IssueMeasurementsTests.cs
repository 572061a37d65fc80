using System.Diagnostics;

namespace ImAudit.Cli.Tests.Fuzz;

/// <summary>
/// Issue 13's own measurements, each a whole `imaudit` process as the issue timed it: 100,000 empty statements in one
/// inline policy given to scan (40 s, 1.08 GB, 158 MB of JSON), 40,000 unknown actions given to simulate (43 s),
/// 20,000 duplicate keys on one line (4.8 s); and 40,000 distinct unknown actions, or services, given to check-policy
/// (7.5 s and 11.5 s of processor time before memos stopped asking ConcurrentDictionary.Count and suggestions were
/// bounded). Each within the fuzz test's bounds: 10 s of processor time, 1 GiB resident, small output.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class IssueMeasurementsTests : IDisposable
{
    private static readonly TimeSpan MaxProcessor = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);
    private const long MaxResident = 1L << 30;

    private readonly string _dir = Directory.CreateTempSubdirectory("imaudit-issue-13-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Policy(IEnumerable<string> actions) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[{{string.Join(",", actions)}}],"Resource":"*"}]}""";

    public static TheoryData<string> Cases => ["scan-empty-statements", "simulate-unknown-actions", "check-unknown-actions", "check-unknown-services", "check-duplicate-keys"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Regression_a_document_the_issue_measured_runs_within_the_bounds(string name)
    {
        var reports = Path.Combine(_dir, "out");
        string[] args = name switch
        {
            "scan-empty-statements" => ["scan", Write("inventory.json", $$$"""
                {"schemaVersion":"1","accountId":"111122223333","partition":"aws","roles":[{"name":"r","arn":"arn:aws:iam::111122223333:role/r","path":"/",
                 "inlinePolicies":[{"name":"big","document":{"Version":"2012-10-17","Statement":[{{{string.Join(",", Enumerable.Repeat("{}", 100_000))}}}]}}],"attachedPolicies":[]}]}
                """), "--out", reports],
            "simulate-unknown-actions" => ["simulate", "--policy", Write("p.json", Policy(Enumerable.Range(0, 40_000).Select(i => $"\"ssm-incidents:X{i:00000}\""))),
                "--action", "ssm-incidents:StartIncident", "--resource", "*"],
            "check-unknown-actions" => ["check-policy", Write("p.json", Policy(Enumerable.Range(0, 40_000).Select(i => $"\"ssm-incidents:X{i:00000}\"")))],
            "check-unknown-services" => ["check-policy", Write("p.json", Policy(Enumerable.Range(0, 40_000).Select(i => $"\"s{i}:Get{i}\"")))],
            _ => ["check-policy", Write("p.json", $$"""{"Version":"2012-10-17","Statement":[{{{string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"Sid\":\"s{i}\""))}},"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""")],
        };

        var (exit, stdout, processor, wall, resident) = Measure(args);

        var what = $"{name}: {processor.TotalSeconds:0.0} s of processor time, {wall.TotalSeconds:0.0} s, {resident >> 20} MB resident, {stdout.Length} characters out";
        Assert.True(exit is 0 or 1, what);
        Assert.True(processor < MaxProcessor, what);
        Assert.True(resident < MaxResident, what);
        Assert.True(stdout.Length < 100_000, what);
        if (Directory.Exists(reports))
            Assert.True(Directory.GetFiles(reports, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "snapshot.json").Sum(f => new FileInfo(f).Length) < 2 << 20, what);
    }

    // The process's processor time and peak resident set, read while it runs (neither can be read once it has exited).
    private static (int Exit, string Stdout, TimeSpan Processor, TimeSpan Wall, long Resident) Measure(string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "imaudit.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var (processor, resident) = (TimeSpan.Zero, 0L);
        while (!process.WaitForExit(TimeSpan.FromMilliseconds(20)))
        {
            try
            {
                process.Refresh();
                (processor, resident) = (process.TotalProcessorTime, Math.Max(resident, process.PeakWorkingSet64));
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                break;
            }
            if (clock.Elapsed > MaxWait)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"`imaudit {args[0]}` ran past {MaxWait.TotalSeconds:0} s");
            }
        }
        process.WaitForExit();
        Assert.True(stderr.Result.Length < 10_000, stderr.Result);
        return (process.ExitCode, stdout.Result, processor, clock.Elapsed, resident);
    }
}
