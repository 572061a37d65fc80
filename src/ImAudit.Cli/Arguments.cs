namespace ImAudit.Cli;

/// <summary>
/// Parsed command-line arguments: positionals, valued options (<c>--name value</c> or <c>--name=value</c>,
/// repeatable) and flags. Unknown options are usage errors, never ignored.
/// </summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private Arguments()
    {
    }

    public List<string> Positionals { get; } = [];

    public static Arguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valued, IReadOnlyCollection<string>? flags = null)
    {
        var result = new Arguments();
        var optionsEnded = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (optionsEnded || !arg.StartsWith("--", StringComparison.Ordinal) || arg == "-")
            {
                result.Positionals.Add(arg);
                continue;
            }
            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[..eq] : arg;
            if (flags?.Contains(name) == true && eq < 0)
            {
                result._flags.Add(name);
                continue;
            }
            if (!valued.Contains(name))
                throw new UsageException($"unknown option `{name}`");
            string value;
            if (eq > 0)
                value = arg[(eq + 1)..];
            else if (i + 1 < args.Count)
                value = args[++i];
            else
                throw new UsageException($"option `{name}` needs a value");
            if (!result._options.TryGetValue(name, out var list))
                result._options[name] = list = [];
            list.Add(value);
        }
        return result;
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
