using ImAudit.Engine.Findings;
using ImAudit.Engine.Rules;

namespace ImAudit.Cli.Commands;

/// <summary><c>imaudit rules [--format text|json|md]</c>: the rule catalogue.</summary>
internal static class RulesCommand
{
    public static int Run(string[] args, TextWriter stdout)
    {
        var arguments = Arguments.Parse(args, ["--format"]);
        var format = arguments.Format("text", "json", "md");
        var rules = RuleRegistry.All;
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
                foreach (var r in rules)
                    stdout.WriteLine($"{r.Id}  {r.Name,-36} {r.DefaultSeverity.Name(),-8} {r.Title}");
                break;
        }
        return ExitCodes.Ok;
    }
}
