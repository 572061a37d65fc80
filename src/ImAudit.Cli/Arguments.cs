using System.CommandLine;
using System.CommandLine.Parsing;
using ImAudit.Engine;

namespace ImAudit.Cli;

/// <summary>
/// A verb's parsed command line: positionals, valued options (<c>--name value</c> or <c>--name=value</c>, repeatable)
/// and flags, read from System.CommandLine's parse. Unknown options are usage errors, never ignored.
/// </summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private Arguments()
    {
    }

    public List<string> Positionals { get; } = [];

    /// <summary>The arguments of <paramref name="command"/> as <paramref name="result"/> parsed them.</summary>
    public static Arguments From(ParseResult result, Command command, IReadOnlyList<string> args)
    {
        var arguments = new Arguments();
        // System.CommandLine splits `--flag=value` and lets the value fall to the positionals: a flag takes no value.
        var flags = command.Options.OfType<Option<bool>>().Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var arg in args.TakeWhile(a => a != "--"))
        {
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) is > 2 and var eq && flags.Contains(arg[..eq]))
                throw new UsageException($"option `{arg[..eq]}` takes no value");
        }
        // After `--` everything is a positional, even what starts with a dash (a file named `-x`).
        var optionsEnd = result.Tokens.Select((t, i) => (t, i)).FirstOrDefault(p => p.t.Type == TokenType.DoubleDash).i is var end and > 0 ? end : int.MaxValue;
        foreach (var argument in command.Arguments)
        {
            foreach (var token in result.GetResult(argument)?.Tokens ?? [])
            {
                var index = IndexOf(result.Tokens, token);
                if (index < optionsEnd && token.Value.Length > 1 && token.Value[0] == '-')
                    throw new UsageException(Suggestions.UnknownOption(token.Value, command));
                arguments.Positionals.Add(token.Value);
            }
        }
        foreach (var option in command.Options)
        {
            if (result.GetResult(option) is not { Implicit: false } found)
                continue;
            if (option is Option<bool>)
                arguments._flags.Add(option.Name);
            else
                arguments._options[option.Name] = [.. found.Tokens.Select(t => t.Value)];
        }
        return arguments;
    }

    /// <summary>For tests of what reads arguments: the verb's own definition parses <paramref name="args"/>.</summary>
    public static Arguments Parse(CommandLine.Verb verb, params string[] args)
    {
        var command = verb.Build();
        var result = command.Parse(args, CommandTree.Configuration);
        if (result.Errors.Count > 0)
            throw new UsageException(CommandTree.Describe(result.Errors[0], command));
        return From(result, command, args);
    }

    private static int IndexOf(IReadOnlyList<Token> tokens, Token token)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (ReferenceEquals(tokens[i], token))
                return i;
        }
        return -1;
    }

    public IReadOnlyList<string> All(string name) => _options.TryGetValue(name, out var list) ? list : [];

    public string? Single(string name)
    {
        var values = All(name);
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw new UsageException($"option `{name}` is given more than once"),
        };
    }

    /// <summary>A positive whole number of seconds (<c>--timeout</c>), else <paramref name="fallback"/> when the option is absent.</summary>
    public TimeSpan Seconds(string name, TimeSpan fallback) => Single(name) is { } text
        ? int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new UsageException($"{name} `{MessageText.Inline(text)}` is not a number of seconds")
        : fallback;

    public string Required(string name) => Single(name) ?? throw new UsageException($"option `{name}` is required");

    public bool Has(string flag) => _flags.Contains(flag);

    /// <summary>The value of <c>--format</c>, checked against what the verb supports.</summary>
    public string Format(params string[] allowed)
    {
        var format = Single("--format") ?? allowed[0];
        return allowed.Contains(format)
            ? format
            : throw new UsageException($"`--format {format}` is not supported here; use {string.Join(", ", allowed.Select(a => $"`{a}`"))}");
    }
}
