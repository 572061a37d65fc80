using System.CommandLine;
using System.CommandLine.Help;
using ImAudit.Cli.CommandLine;

namespace ImAudit.Cli;

/// <summary>
/// Parses with System.CommandLine (<see cref="CommandTree"/>), answers <c>--help</c>, <c>--version</c> and
/// completion requests, and runs the verb; turns usage errors into one line on stderr and exit code 2.
/// </summary>
internal static class Cli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, CliEnvironment.FromProcess());

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CliEnvironment environment)
    {
        try
        {
            if (Completions.IsRequest(args))
                return Completions.Write(args, stdout);
            var root = CommandTree.Build();
            // No arguments: the overall help, as a usage error (without System.CommandLine's "required command" line).
            var result = root.Parse(args.Length == 0 ? ["--help"] : args, CommandTree.Configuration);
            var command = result.CommandResult.Command;
            if (args.Length == 0 || result.Action is HelpAction)
            {
                var help = args.Length == 0 ? stderr : stdout;
                result.Invoke(new InvocationConfiguration { Output = help, Error = stderr });
                return args.Length == 0 ? ExitCodes.UsageOrUnreadableInput : ExitCodes.Ok;
            }
            if (command == root && result.GetValue<bool>(CommandTree.VersionOption))
            {
                DataVersions.Write(stdout);
                return ExitCodes.Ok;
            }
            if (command == root && result.UnmatchedTokens.Count > 0)
                throw new UsageException(Suggestions.UnknownCommand(result.UnmatchedTokens[0], root));
            if (result.Errors.Count > 0)
                throw new UsageException(CommandTree.Describe(result.Errors[0], command));
            if (command == root)
                throw new UsageException("a command is needed; run `imaudit --help`");
            var verb = CommandTree.Find(command.Name)!;
            return verb.Run(Arguments.From(result, command, args), new CliContext(stdout, stderr, environment.Clock ?? TimeProvider.System, environment));
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"imaudit: {e.Message}");
            return ExitCodes.UsageOrUnreadableInput;
        }
    }
}
