using System.CommandLine;

namespace ImAudit.Cli.CommandLine;

/// <summary>One option of a verb: valued (<c>--name VALUE</c>, repeatable) when <see cref="Value"/> names its value, else a flag.</summary>
/// <see cref="Choices"/>, when given, are what completion offers for the value.
internal sealed record VerbOption(string Name, string? Value, string Description, IReadOnlyList<string>? Choices = null)
{
    public static readonly string[] Severities = ["critical", "high", "medium", "low", "info"];

    public static VerbOption Valued(string name, string value, string description, IReadOnlyList<string>? choices = null) => new(name, value, description, choices);

    public static VerbOption Flag(string name, string description) => new(name, null, description);

    public static VerbOption Format(params string[] formats) =>
        new("--format", string.Join('|', formats), $"output format (default {formats[0]})", formats);

    public static VerbOption FailOn(string what) =>
        new("--fail-on", "SEVERITY", $"exit 1 when {what} is at or above SEVERITY (critical, high, medium, low, info)", Severities);
}

/// <summary>What the verbs run with: the two streams, the clock and the process's surroundings.</summary>
internal sealed record CliContext(TextWriter Stdout, TextWriter Stderr, TimeProvider Time, CliEnvironment Environment);

/// <summary>
/// A verb as the command line declares it: its name, what its help says, its positionals and options, and what runs
/// it. <see cref="Build"/> makes the System.CommandLine command that parses, helps and completes it; the verb itself
/// reads the parsed <see cref="Arguments"/>, so its checks and messages stay its own.
/// </summary>
internal sealed record Verb(string Name, string Description, string? Positionals, string? PositionalsDescription, IReadOnlyList<VerbOption> Options,
    Func<Arguments, CliContext, int> Run)
{
    public Command Build()
    {
        var command = new Command(Name, Description);
        // Every verb collects positionals (hidden where it takes none), so the verb says what is wrong with them in its own words.
        command.Arguments.Add(new Argument<string[]>(Positionals ?? "ARGUMENTS")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = PositionalsDescription ?? "",
            Hidden = Positionals is null,
        });
        foreach (var option in Options)
        {
            command.Options.Add(option.Value is null
                ? new Option<bool>(option.Name) { Description = option.Description, Arity = ArgumentArity.Zero }
                : new Option<string[]>(option.Name)
                {
                    Description = option.Description,
                    HelpName = option.Value,
                    // One value per occurrence, any number of occurrences (`--trusted-account A --trusted-account B`).
                    Arity = ArgumentArity.OneOrMore,
                    AllowMultipleArgumentsPerToken = false,
                    CompletionSources = { _ => (option.Choices ?? []).Select(c => new System.CommandLine.Completions.CompletionItem(c)) },
                });
        }
        return command;
    }
}
