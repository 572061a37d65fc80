using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace ImAudit.Cli.Tests.Fuzz;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzCollection
{
    // Alone, so that the bytes allocated while a case runs are that case's.
    public const string Name = "fuzz";
}

/// <summary>
/// Issue 13's deterministic fuzz test: hostile policy documents through every verb that reads one (check-policy,
/// simulate, compare, expand), and hostile accounts through scan (files and folders, with previous runs) and diff.
/// No run may crash (exit above 3, an exception, a rule that throws), print a line that is not one `imaudit:`
/// message, run over 10 s, or allocate without bound. Time is the process's processor time (this collection runs
/// alone), so that a loaded machine does not fail the test; a wall-clock bound of 30 s catches a run that waits. A failure names its case seed; IMAUDIT_FUZZ_SEED explores
/// other seeds on a developer's machine, IMAUDIT_FUZZ_CASE reruns one case.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class FuzzTests(ITestOutputHelper output) : IDisposable
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("IMAUDIT_FUZZ_SEED"), out var seed) ? seed : 20261213;
    private static readonly int? OnlyCase = int.TryParse(Environment.GetEnvironmentVariable("IMAUDIT_FUZZ_CASE"), out var only) ? only : null;
    private const int PolicyCases = 1_000;
    private const int AccountCases = 500;
    private static readonly TimeSpan MaxRun = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);
    private static readonly Process Self = Process.GetCurrentProcess();
    private const long MaxAllocatedBytes = 1L << 30;
    private const int MaxOutputChars = 20 << 20;

    private readonly string _root = Directory.CreateTempSubdirectory("imaudit-fuzz-").FullName;
    private readonly List<string> _failures = [];
    private readonly Dictionary<int, int> _exitCodes = [];
    private (TimeSpan Time, long Bytes, string Case) _slowest, _largest, _longest;
    private int _runs;
    private TimeSpan _total, _generating;

    public void Dispose()
    {
        if (_failures.Count == 0)
            Directory.Delete(_root, recursive: true);
    }

    private static IEnumerable<int> CaseSeeds(int count, int salt)
    {
        if (OnlyCase is { } one)
            return [one];
        var random = new Random(Seed + salt);
        return Enumerable.Range(0, count).Select(_ => random.Next());
    }

    [Fact]
    public void Hostile_policy_documents_never_crash_check_policy_simulate_compare_or_expand()
    {
        foreach (var caseSeed in CaseSeeds(PolicyCases, 1))
        {
            var generating = Stopwatch.StartNew();
            var j = new HostileJson(caseSeed);
            var dir = Directory.CreateDirectory(Path.Combine(_root, $"policy-{caseSeed}")).FullName;
            var policy = Path.Combine(dir, "policy.json");
            var bytes = Encoding.UTF8.GetBytes(HostilePolicies.Document(j).Text);
            if (j.Chance(0.02) && bytes.Length > 0)
                bytes[j.Random.Next(bytes.Length)] = 0xFF;
            File.WriteAllBytes(policy, bytes);
            _generating += generating.Elapsed;
            var what = $"policy case {caseSeed} ({policy})";
            var failed = _failures.Count;

            Run(what, ["check-policy", policy, "--type", j.Pick("identity", "resource", "trust"), "--format", j.Pick("json", "text"),
                .. j.Chance(0.3) ? new[] { "--resource-arn", "arn:aws:ssm-incidents::111122223333:response-plan/x" } : [],
                .. j.Chance(0.2) ? new[] { "--trusted-account", "444455556666" } : []]);
            Run(what, ["simulate", j.Chance(0.8) ? "--policy" : "--boundary", policy, "--policy", policy,
                "--action", j.Pick("ssm-incidents:StartIncident", "ssm-contacts:StartEngagement", "iam:PassRole", "ssm-incidents:*", "x"),
                "--resource", j.Pick("*", "arn:aws:ssm-incidents::111122223333:response-plan/Payments", "arn:aws:ssm-contacts:us-east-1:111122223333:contact/oncall", "nope"),
                "--format", j.Pick("json", "text"),
                .. j.Chance(0.3) ? new[] { "--context", j.Pick("aws:SourceAccount=111122223333", "aws:PrincipalOrgID=o-a1b2c3d4e5", "aws:CurrentTime=never", "aws:SourceIp=10.1.2.3") } : [],
                .. j.Chance(0.2) ? new[] { "--resource-policy", policy, "--principal", j.Pick("arn:aws:iam::444455556666:role/x", "ssm-incidents.amazonaws.com") } : []]);
            Run(what, ["compare", policy, "--baseline", j.Pick("AWSIncidentManagerResolverAccess", "AWSIncidentManagerResolverAccess@v1", policy),
                "--format", j.Pick("json", "text"), .. j.Chance(0.3) ? new[] { "--service", "ssm-contacts" } : [], .. j.Chance(0.2) ? new[] { "--fail-on-excess" } : []]);
            if (j.Chance(0.25))
                Run(what, ["expand", .. Enumerable.Range(0, j.Between(1, 3)).Select(_ => j.Chance(0.5) ? j.Text() : j.Pick("ssm-incidents:*", "*", "s*:?et*", "ssm-contacts:")), "--format", j.Pick("json", "text")]);
            if (_failures.Count == failed)
                Directory.Delete(dir, recursive: true);
        }
        Report(PolicyCases);
    }

    [Fact]
    public void Hostile_accounts_never_crash_scan_or_diff()
    {
        string? previous = null;
        var previousFailed = false;
        foreach (var caseSeed in CaseSeeds(AccountCases, 2))
        {
            var generating = Stopwatch.StartNew();
            var j = new HostileJson(caseSeed);
            var dir = Directory.CreateDirectory(Path.Combine(_root, $"account-{caseSeed}")).FullName;
            string input;
            if (j.Chance(0.7))
            {
                input = Path.Combine(dir, "inventory.json");
                File.WriteAllText(input, j.Chance(0.05) ? j.Broken(HostileInventories.Account(j)) : HostileInventories.Account(j));
            }
            else
            {
                // Pages of one account (drawn from the same few names: they overlap and disagree), or an organization.
                input = Directory.CreateDirectory(Path.Combine(dir, "input")).FullName;
                var organization = j.Chance(0.4);
                for (var page = 0; page < j.Between(2, 3); page++)
                    File.WriteAllText(Path.Combine(input, $"page-{page}.json"), HostileInventories.Account(j, organization && page > 0 ? "444455556666" : "111122223333"));
                if (organization)
                {
                    File.WriteAllText(Path.Combine(input, "organization.json"), HostileInventories.OrganizationFile(j));
                    File.WriteAllText(Path.Combine(input, "accounts.json"), HostileInventories.OrganizationFile(j));
                }
            }
            _generating += generating.Elapsed;
            var what = $"account case {caseSeed} ({input})";
            var failed = _failures.Count;
            var reports = Path.Combine(dir, "out");

            Run(what, ["scan", input, "--out", reports, "--format", j.Pick("text", "json", "md", "html", "asff"),
                .. j.Chance(0.3) ? new[] { "--fail-on", j.Pick("critical", "high", "info") } : [],
                .. j.Chance(0.2) ? new[] { "--trusted-account", "444455556666" } : [],
                .. previous is not null && j.Chance(0.3) ? new[] { "--previous", previous } : []]);
            AssertNoRuleFailures(what, Path.Combine(reports, "report.json"));
            if (File.Exists(Path.Combine(reports, "snapshot.json")))
            {
                if (previous is not null)
                    Run(what, ["diff", previous, reports, "--format", j.Pick("text", "json", "md"), .. j.Chance(0.3) ? new[] { "--fail-on", "high" } : []]);
                if (j.Chance(0.1))
                {
                    var hostile = Path.Combine(dir, "hostile-snapshot.json");
                    File.WriteAllText(hostile, j.Chance(0.5) ? j.Value(3) : HostileInventories.Account(j));
                    Run(what, ["diff", hostile, reports]);
                }
                if (previous is not null && !previousFailed)
                    Directory.Delete(Path.GetDirectoryName(previous)!, recursive: true);
                previous = reports;
                previousFailed = _failures.Count > failed;
            }
            else if (_failures.Count == failed)
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        Report(AccountCases);
    }

    private void Run(string what, string[] args)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        Self.Refresh();
        var processor = Self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        CliResult result;
        try
        {
            result = CliRunner.Run(args);
        }
        catch (Exception e)
        {
            _failures.Add($"{what}: `{args[0]}` threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            return;
        }
        var wall = clock.Elapsed;
        Self.Refresh();
        var elapsed = Self.TotalProcessorTime - processor;
        _total += wall;
        var bytes = GC.GetTotalAllocatedBytes(precise: false) - allocated;
        _runs++;
        _exitCodes[result.ExitCode] = _exitCodes.GetValueOrDefault(result.ExitCode) + 1;
        if (elapsed > _slowest.Time)
            _slowest = (elapsed, bytes, $"{what} `{args[0]}`");
        if (wall > _longest.Time)
            _longest = (wall, bytes, $"{what} `{args[0]}`");
        if (bytes > _largest.Bytes)
            _largest = (elapsed, bytes, $"{what} `{args[0]}`");
        var problem = result.ExitCode is < 0 or > 3 ? $"exit {result.ExitCode}"
            : elapsed > MaxRun ? $"took {elapsed.TotalSeconds:0.0} s of processor time"
            : wall > MaxWait ? $"took {wall.TotalSeconds:0.0} s"
            : bytes > MaxAllocatedBytes ? $"allocated {bytes >> 20} MB"
            : result.Stdout.Length > MaxOutputChars ? $"wrote {result.Stdout.Length >> 20} M characters"
            : result.Stdout.Contains("ERROR    IMA", StringComparison.Ordinal) || result.Stdout.Contains("\"ruleFailures\"", StringComparison.Ordinal) ? "a rule failed"
            : result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(l => !l.StartsWith("imaudit: ", StringComparison.Ordinal)) is { } stray ? $"stderr line not one message: {stray[..Math.Min(stray.Length, 200)]}"
            : null;
        if (problem is not null)
            _failures.Add($"{what}: `{string.Join(' ', args.Select(a => a.Length > 80 ? a[..80] + "…" : a))}`: {problem}\nstderr: {Shorten(result.Stderr)}\nstdout: {Shorten(result.Stdout)}");
    }

    private void AssertNoRuleFailures(string what, string report)
    {
        if (File.Exists(report) && File.ReadAllText(report).Contains("\"ruleFailures\"", StringComparison.Ordinal))
            _failures.Add($"{what}: a rule failed (ruleFailures in {report})");
    }

    private static string Shorten(string text) => text.Length > 600 ? text[..600] + "…" : text;

    private void Report(int cases)
    {
        output.WriteLine($"seed {Seed}: {cases} cases, {_runs} runs in {_total.TotalSeconds:0} s (inputs made in {_generating.TotalSeconds:0} s); exit codes {string.Join(", ", _exitCodes.OrderBy(e => e.Key).Select(e => $"{e.Key}: {e.Value}"))}");
        output.WriteLine($"slowest {_slowest.Time.TotalSeconds:0.00} s of processor time ({_slowest.Bytes >> 20} MB): {_slowest.Case}");
        output.WriteLine($"longest {_longest.Time.TotalSeconds:0.00} s of wall-clock time: {_longest.Case}");
        output.WriteLine($"most allocated {_largest.Bytes >> 20} MB ({_largest.Time.TotalSeconds:0.00} s of processor time): {_largest.Case}");
        Assert.True(_failures.Count == 0, $"{_failures.Count} failures (inputs kept under {_root}; rerun one with IMAUDIT_FUZZ_CASE=<case seed>):\n" + string.Join("\n\n", _failures.Take(15)));
    }
}
