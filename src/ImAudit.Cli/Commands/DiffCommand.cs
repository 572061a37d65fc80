using System.Globalization;
using ImAudit.Cli.CommandLine;
using ImAudit.Engine.Drift;
using ImAudit.Engine.Findings;

namespace ImAudit.Cli.Commands;

/// <summary>
/// <c>imaudit diff OLD NEW [--format text|json|md] [--fail-on SEVERITY]</c>: what changed between two snapshots (files,
/// or report folders holding snapshot.json): findings new in NEW, resolved since OLD, persisting. With --fail-on,
/// exit 1 when a new finding is at or above that severity (a pull request gate).
/// </summary>
internal static class DiffCommand
{
    public static Verb Verb { get; } = new("diff", "What changed between two snapshots (snapshot.json files or report folders): new, resolved and persisting findings.",
        "OLD NEW", "the earlier and the later snapshot", [VerbOption.Format("text", "json", "md"), VerbOption.FailOn("a new finding")],
        (a, c) => Run(a, c.Stdout, c.Stderr));

    public static int Run(Arguments arguments, TextWriter stdout, TextWriter stderr)
    {
        var format = arguments.Format("text", "json", "md");
        var failOn = arguments.Single("--fail-on");
        if (failOn is not null)
            ExitReason.Threshold(failOn);
        if (arguments.Positionals.Count != 2)
            throw new UsageException("diff takes two snapshots: OLD NEW (snapshot.json files or report folders)");
        var old = PreviousSnapshot.Read(arguments.Positionals[0])!;
        var current = PreviousSnapshot.Read(arguments.Positionals[1])!;
        if (old.AccountId != current.AccountId)
            throw new UsageException($"`{arguments.Positionals[0]}` is account {old.AccountId} and `{arguments.Positionals[1]}` account {current.AccountId}: compare runs of one account");
        var drift = FindingsDrift.Between(old, current.Findings);
        switch (format)
        {
            case "json":
                JsonOutput.Write(stdout, w =>
                {
                    w.WriteString("accountId", current.AccountId);
                    w.WriteString("old", old.GeneratedAt.ToString("O", CultureInfo.InvariantCulture));
                    w.WriteString("new", current.GeneratedAt.ToString("O", CultureInfo.InvariantCulture));
                    w.WritePropertyName("newFindings");
                    w.WriteStartObject();
                    FindingsOutput.WriteJson(w, drift.New, []);
                    w.WriteEndObject();
                    w.WritePropertyName("resolvedFindings");
                    w.WriteStartObject();
                    FindingsOutput.WriteJson(w, drift.Resolved, []);
                    w.WriteEndObject();
                    w.WriteNumber("persisting", drift.Persisting.Length);
                });
                break;
            case "md":
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# ImAudit diff — account {current.AccountId}"));
                stdout.WriteLine();
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"From {old.GeneratedAt:yyyy-MM-dd HH:mm} UTC to {current.GeneratedAt:yyyy-MM-dd HH:mm} UTC: {drift.New.Length} new, {drift.Resolved.Length} resolved, {drift.Persisting.Length} persisting."));
                stdout.WriteLine();
                Table(stdout, "New findings", drift.New);
                Table(stdout, "Resolved", drift.Resolved);
                break;
            default:
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"account {current.AccountId}: {old.GeneratedAt:yyyy-MM-dd HH:mm} → {current.GeneratedAt:yyyy-MM-dd HH:mm} UTC: {drift.New.Length} new, {drift.Resolved.Length} resolved, {drift.Persisting.Length} persisting"));
                foreach (var f in drift.New)
                    stdout.WriteLine($"  NEW      {f.Severity.Name().ToUpperInvariant(),-8} {f.RuleId}  {ScanSummary.Short(f.Resource)}: {f.Message}");
                foreach (var f in drift.Resolved)
                    stdout.WriteLine($"  RESOLVED {f.Severity.Name().ToUpperInvariant(),-8} {f.RuleId}  {ScanSummary.Short(f.Resource)}: {f.Message}");
                break;
        }
        return ExitReason.Report(stderr, drift.New, failOn, "new finding");
    }

    private static void Table(TextWriter md, string title, IReadOnlyList<Finding> findings)
    {
        if (findings.Count == 0)
            return;
        md.WriteLine($"## {title}");
        md.WriteLine();
        md.WriteLine("| severity | rule | resource | finding |");
        md.WriteLine("|---|---|---|---|");
        foreach (var f in findings)
            md.WriteLine($"| {f.Severity.Name()} | {f.RuleId} | `{f.Resource.Replace("|", "\\|", StringComparison.Ordinal)}` | {f.Message.Replace("|", "\\|", StringComparison.Ordinal)} |");
        md.WriteLine();
    }

}
