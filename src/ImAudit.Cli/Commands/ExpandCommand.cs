using ImAudit.Cli.CommandLine;
using ImAudit.Engine;
using ImAudit.Engine.Catalog;

namespace ImAudit.Cli.Commands;

/// <summary><c>imaudit expand PATTERN... [--format text|json]</c></summary>
internal static class ExpandCommand
{
    public static Verb Verb { get; } = new("expand", "Exact expansion of action patterns against the catalogue, e.g. `imaudit expand 'ssm*:Get*'`.",
        "PATTERN", "action patterns (`service:Action`, wildcards allowed)", [VerbOption.Format("text", "json")], (a, c) => Run(a, c.Stdout));

    public static int Run(Arguments arguments, TextWriter stdout)
    {
        var format = arguments.Format("text", "json");
        if (arguments.Positionals.Count == 0)
            throw new UsageException("expand needs at least one action pattern, e.g. `imaudit expand 'ssm*:Get*'`");
        var engine = new PolicyEngine(IamCatalog.Default);
        var expansions = arguments.Positionals.Select(engine.Expand).ToList();
        if (expansions.FirstOrDefault(e => e.Error is not null) is { } bad)
            throw new UsageException(bad.Error!);
        if (format == "json")
        {
            JsonOutput.Write(stdout, w =>
            {
                w.WriteStartArray("patterns");
                foreach (var expansion in expansions)
                    expansion.WriteJson(w);
                w.WriteEndArray();
            });
            return ExitCodes.Ok;
        }
        foreach (var expansion in expansions)
            expansion.WriteText(stdout);
        return ExitCodes.Ok;
    }
}
