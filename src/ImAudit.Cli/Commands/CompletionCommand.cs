using ImAudit.Cli.CommandLine;

namespace ImAudit.Cli.Commands;

/// <summary>
/// <c>imaudit completion bash|zsh</c>: prints a completion script for the shell; the script asks
/// <c>imaudit [suggest:POSITION] LINE</c> (<see cref="Completions"/>) for verbs, options and option values, and
/// leaves file names to the shell.
/// </summary>
internal static class CompletionCommand
{
    public static Verb Verb { get; } = new("completion", "Prints a shell completion script: `source <(imaudit completion bash)` (add it to ~/.bashrc), or zsh's equivalent.",
        "SHELL", "bash or zsh", [], (a, c) => Run(a, c.Stdout));

    private const string Bash = """
        # imaudit completion for bash: source <(imaudit completion bash)
        _imaudit_complete() {
            local IFS=$'\n'
            local word="${COMP_WORDS[COMP_CWORD]}"
            COMPREPLY=($(compgen -W "$(imaudit "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" -- "$word"))
        }
        complete -o default -o bashdefault -F _imaudit_complete imaudit
        """;

    private const string Zsh = """
        # imaudit completion for zsh: source <(imaudit completion zsh)
        autoload -U +X bashcompinit && bashcompinit
        """;

    public static int Run(Arguments arguments, TextWriter stdout)
    {
        if (arguments.Positionals.Count != 1 || arguments.Positionals[0] is not ("bash" or "zsh"))
            throw new UsageException($"completion takes one shell, `bash` or `zsh`{(arguments.Positionals.Count == 1 ? $", not `{Engine.MessageText.Inline(arguments.Positionals[0])}`" : "")}");
        if (arguments.Positionals[0] == "zsh")
            stdout.WriteLine(Zsh);
        stdout.WriteLine(Bash);
        return ExitCodes.Ok;
    }
}
