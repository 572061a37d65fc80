using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace ImAudit.Engine.Tests.Differential;

/// <summary>
/// Differential test of <see cref="PolicyEngine.Simulate"/> against an independent evaluator,
/// <c>@cloud-copilot/iam-simulate</c> (npm, pinned in tests/differential/package-lock.json; AGPL, a test tool
/// only, never shipped). tests/differential/generate.mjs writes random requests from a fixed seed with
/// iam-simulate's decision; every one must get the same decision from ImAudit, except where iam-simulate is
/// wrong by AWS's own documentation (<see cref="DocumentedExceptions"/>).
/// </summary>
public sealed class IamSimulateDifferentialTests(ITestOutputHelper output)
{
    // IMAUDIT_DIFFERENTIAL_SEED explores other seeds on a developer's machine; CI runs this one.
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("IMAUDIT_DIFFERENTIAL_SEED"), out var seed) ? seed : 20261201;
    private const int Count = 5000;
    private const int Shown = 25;

    [NodeFact]
    public void ImAudit_decides_like_iam_simulate_on_random_requests()
    {
        var project = ProjectDirectory();
        if (!Directory.Exists(Path.Combine(project, "node_modules")))
            Ok(NodeTool.Run("npm", project, TimeSpan.FromMinutes(5), "ci", "--no-audit", "--no-fund"), "npm ci");
        var work = Directory.CreateTempSubdirectory("imaudit-differential-").FullName;
        var casesFile = Path.Combine(work, "cases.jsonl");
        var clock = Stopwatch.StartNew();
        var generated = Ok(NodeTool.Run("node", project, TimeSpan.FromMinutes(5), "generate.mjs", $"{Seed}", $"{Count}", casesFile), "node generate.mjs");
        var generateTime = clock.Elapsed;
        using var summary = JsonDocument.Parse(generated.Trim().Split('\n')[^1]);
        output.WriteLine($"iam-simulate: {summary.RootElement.GetRawText()} in {generateTime.TotalSeconds:0.0} s");

        var counts = new Dictionary<string, int>();
        var accepted = new Dictionary<string, int>();
        var disagreements = new List<Disagreement>();
        var cases = DifferentialCase.ReadAll(casesFile).ToList();
        foreach (var c in cases)
        {
            var imaudit = c.ImAuditAnswer();
            counts[c.Expected] = counts.GetValueOrDefault(c.Expected) + 1;
            if (imaudit == c.Expected)
                continue;
            if (DocumentedExceptions.Find(c, imaudit) is { } exception)
            {
                accepted[exception] = accepted.GetValueOrDefault(exception) + 1;
                continue;
            }
            var (cls, detail) = Disagreements.Classify(c, imaudit);
            disagreements.Add(new Disagreement(c, imaudit, cls, detail));
        }
        output.WriteLine($"{cases.Count} cases ({string.Join(", ", counts.OrderBy(kv => kv.Key).Select(kv => $"{kv.Value} {kv.Key}"))}) in {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var (name, n) in accepted.OrderBy(kv => kv.Key))
            output.WriteLine($"accepted as documented exception `{name}`: {n}");

        // A generator that stopped producing one of the answers would make the comparison hollow.
        Assert.True(cases.Count >= Count * 95 / 100, $"only {cases.Count} of {Count} cases were accepted by iam-simulate");
        Assert.All(new[] { "Allowed", "ImplicitlyDenied", "ExplicitlyDenied" }, d => Assert.True(counts.GetValueOrDefault(d) >= Count / 10, $"too few {d} cases"));

        if (disagreements.Count > 0)
            File.WriteAllLines(Path.Combine(work, "disagreements.jsonl"), disagreements.Select(d => d.Case.Json.Insert(1,
                $"\"imaudit\":{JsonSerializer.Serialize(d.ImAudit)},\"class\":{JsonSerializer.Serialize(d.Class)},\"detail\":{JsonSerializer.Serialize(d.Detail)},")));
        else
            Directory.Delete(work, recursive: true);
        Assert.True(disagreements.Count == 0, Report(disagreements, cases.Count, work));
    }

    private static string Report(List<Disagreement> disagreements, int total, string work)
    {
        var report = new StringBuilder($"ImAudit and iam-simulate disagree on {disagreements.Count} of {total} cases (seed {Seed}); all of them in {work}/disagreements.jsonl\n");
        report.AppendLine("by answers:");
        foreach (var group in disagreements.GroupBy(d => $"iam-simulate {d.Case.Expected}, ImAudit {d.ImAudit}").OrderByDescending(g => g.Count()))
            report.AppendLine($"  {group.Count(),5}  {group.Key}");
        report.AppendLine("by class:");
        foreach (var group in disagreements.GroupBy(d => d.Class).OrderByDescending(g => g.Count()))
            report.AppendLine($"  {group.Count(),5}  {group.Key}");
        report.AppendLine($"first {Math.Min(Shown, disagreements.Count)}:");
        foreach (var d in disagreements.Take(Shown))
        {
            report.AppendLine($"  #{d.Case.Number}: {d.Case.Description}\n      iam-simulate {d.Case.Expected}, ImAudit {d.ImAudit}  [{d.Class}]");
            if (d.Detail.Length > 0)
                report.AppendLine($"      {d.Detail}");
        }
        return report.ToString();
    }

    private sealed record Disagreement(DifferentialCase Case, string ImAudit, string Class, string Detail);

    private static string Ok((int ExitCode, string Stdout, string Stderr) run, string what) =>
        run.ExitCode == 0 ? run.Stdout : throw new InvalidOperationException($"`{what}` failed ({run.ExitCode}): {run.Stderr}");

    private static string ProjectDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ImAudit.sln")))
            directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("the repository root (ImAudit.sln) is not above the test directory"),
            "tests", "differential");
    }
}
