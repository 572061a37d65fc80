using ImAudit.Engine;
using ImAudit.Cli.CommandLine;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;
using ImAudit.Engine.Rules;

namespace ImAudit.Cli.Commands;

/// <summary><c>imaudit rules [ID...] [--format text|json|md]</c>: the rule catalogue, or the rules named.</summary>
internal static class RulesCommand
{
    public static Verb Verb { get; } = new("rules", "The rule catalogue; with IDs, those rules in full (severity, title, summary, docs page).",
        "ID", "rule IDs, e.g. IMA301 (none: every rule)", [VerbOption.Format("text", "json", "md")], (a, c) => Run(a, c.Stdout));

    public static int Run(Arguments arguments, TextWriter stdout)
    {
        var format = arguments.Format("text", "json", "md");
        var rules = arguments.Positionals.Count == 0 ? PolicyEngine.Rules : [.. arguments.Positionals.Select(Find)];
        switch (format)
        {
            case "json":
                JsonOutput.Write(stdout, w =>
                {
                    w.WriteStartArray("rules");
                    foreach (var r in rules)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", r.Id);
                        w.WriteString("name", r.Name);
                        w.WriteString("title", r.Title);
                        w.WriteString("severity", r.DefaultSeverity.Name());
                        w.WriteString("category", r.Category);
                        w.WriteString("summary", r.Summary);
                        w.WriteString("docs", r.DocsPath);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                });
                break;
            case "md":
                stdout.WriteLine("| ID | name | default severity | fires when |");
                stdout.WriteLine("|---|---|---|---|");
                foreach (var r in rules)
                    stdout.WriteLine($"| [{r.Id}]({r.DocsPath}) | {r.Name} | {r.DefaultSeverity.Name()} | {r.Summary} |");
                break;
            default:
                if (arguments.Positionals.Count > 0)
                {
                    foreach (var r in rules)
                        WriteOne(stdout, r);
                    break;
                }
                foreach (var r in rules)
                    stdout.WriteLine($"{r.Id}  {r.Name,-36} {r.DefaultSeverity.Name(),-8} {r.Title}");
                break;
        }
        return ExitCodes.Ok;
    }

    private static RuleDescriptor Find(string id) =>
        PolicyEngine.Rules.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new UsageException($"unknown rule `{MessageText.Inline(id)}`{Suggestions.DidYouMean(id.ToUpperInvariant(), PolicyEngine.Rules.Select(r => r.Id), "run `imaudit rules` for the list")}");

    private static void WriteOne(TextWriter stdout, RuleDescriptor rule)
    {
        stdout.WriteLine($"{rule.Id}  {rule.Name}");
        stdout.WriteLine($"  severity: {rule.DefaultSeverity.Name()} (default)");
        stdout.WriteLine($"  category: {rule.Category}");
        stdout.WriteLine($"  title:    {rule.Title}");
        stdout.WriteLine($"  summary:  {rule.Summary}");
        stdout.WriteLine($"  docs:     {rule.DocsPath}");
    }
}
