using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using ImAudit.Cli.Commands;
using ImAudit.Cli.CommandLine;

namespace ImAudit.Cli;

/// <summary>
/// The command line as System.CommandLine sees it: every verb (an explicit list, trim- and AOT-safe), per-verb
/// <c>--help</c>/<c>-h</c>, and <c>--version</c>. The root is a plain command named <c>imaudit</c> (not a
/// RootCommand, whose name is the host's executable: <c>testhost</c> under tests, <c>dotnet</c>'s dll name otherwise).
/// </summary>
internal static class CommandTree
{
    public static IReadOnlyList<Verb> Verbs { get; } =
    [
        ScanCommand.Verb, CheckPolicyCommand.Verb, SimulateCommand.Verb, CompareCommand.Verb, ExpandCommand.Verb,
        DiffCommand.Verb, InvokeCommand.Verb, RulesCommand.Verb, CompletionCommand.Verb,
    ];

    // `@file` is a file name here, never a response file; no single-dash bundling (ImAudit has no short options but -h).
    public static ParserConfiguration Configuration { get; } = new() { ResponseFileTokenReplacer = null, EnablePosixBundling = false };

    public const string VersionOption = "--version";

    /// <summary>A fresh tree: System.CommandLine's symbols keep their parents, so each run builds its own.</summary>
    public static Command Build()
    {
        var root = new Command("imaudit", "Audits AWS Systems Manager Incident Manager access: IAM policies, response-plan and contact resource policies.");
        root.Options.Add(new HelpOption { Recursive = true, Action = new HelpAction { MaxWidth = 120 } });
        root.Options.Add(new Option<bool>(VersionOption) { Description = "ImAudit's version and the versions of the data it embeds", Arity = ArgumentArity.Zero });
        foreach (var verb in Verbs)
            root.Subcommands.Add(verb.Build());
        return root;
    }

    public static Verb? Find(string name) => Verbs.FirstOrDefault(v => v.Name == name);

    /// <summary>A parse error as one line in ImAudit's words.</summary>
    public static string Describe(ParseError error, Command command) => error.SymbolResult switch
    {
        OptionResult { Option: var option } when option.Arity.MinimumNumberOfValues > 0 => $"option `{option.Name}` needs a value",
        OptionResult { Option: var option } => $"option `{option.Name}` takes no value",
        _ => Engine.MessageText.OneLine(char.ToLowerInvariant(error.Message[0]) + error.Message[1..].TrimEnd('.')),
    };
}
