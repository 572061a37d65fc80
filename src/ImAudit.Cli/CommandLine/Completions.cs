using System.Text.RegularExpressions;

namespace ImAudit.Cli.CommandLine;

/// <summary>
/// Shell completion: <c>imaudit [suggest:POSITION] "LINE"</c> prints what may come at POSITION (a cursor offset in
/// LINE, the whole command line as the shell has it), one per line — the protocol of System.CommandLine's
/// <c>[suggest]</c> directive, answered from the same tree the parser uses (verbs, options, and the choices of
/// <c>--format</c>, <c>--type</c>…). The scripts <c>imaudit completion bash|zsh</c> prints call it.
/// </summary>
internal static partial class Completions
{
    public static bool IsRequest(string[] args) => args.Length is 1 or 2 && Request().IsMatch(args[0]);

    public static int Write(string[] args, TextWriter stdout)
    {
        var line = args.Length == 2 ? args[1] : "";
        var position = int.TryParse(Request().Match(args[0]).Groups[1].Value, out var p) ? Math.Clamp(p, 0, line.Length) : line.Length;
        // The shell's line starts with the program's name (whatever it was called as): completion starts after it.
        var words = line.TrimStart();
        var skipped = line.Length - words.Length;
        var name = words.IndexOfAny([' ', '\t']);
        if (name < 0)
            return ExitCodes.Ok;
        var rest = words[(name + 1)..];
        var offset = skipped + name + 1;
        if (position < offset)
            return ExitCodes.Ok;
        var result = CommandTree.Build().Parse(rest, CommandTree.Configuration);
        foreach (var item in result.GetCompletions(position - offset).Select(i => i.Label).Where(l => l.StartsWith("--", StringComparison.Ordinal) || !l.StartsWith('-')).Distinct())
            stdout.WriteLine(item);
        return ExitCodes.Ok;
    }

    [GeneratedRegex(@"^\[suggest(?::(\d+))?\]\z", RegexOptions.CultureInvariant)]
    private static partial Regex Request();
}
