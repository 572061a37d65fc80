using System.CommandLine;

namespace ImAudit.Cli;

/// <summary>
/// "Did you mean": the closest verb or option to what was typed, by edit distance (at most a third of the word, and
/// at least one edit allowed) or by being the only name it starts. One line, so it fits the one-line rule that
/// System.CommandLine's own multi-line typo list does not.
/// </summary>
internal static class Suggestions
{
    public static string UnknownCommand(string typed, Command root) =>
        $"unknown command `{Engine.MessageText.Inline(typed)}`{DidYouMean(typed, root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name), "run `imaudit --help`")}";

    public static string UnknownOption(string typed, Command command)
    {
        var name = typed.Split('=', 2)[0];
        return $"unknown option `{Engine.MessageText.Inline(name)}`{DidYouMean(name, command.Options.Where(o => !o.Hidden).Select(o => o.Name), $"run `imaudit {command.Name} --help`")}";
    }

    /// <summary>"; did you mean `x`?" when a name is close to what was typed, else "; " and <paramref name="otherwise"/>.</summary>
    public static string DidYouMean(string typed, IEnumerable<string> names, string otherwise) =>
        Closest(typed, names) is { } best ? $"; did you mean `{best}`?" : $"; {otherwise}";

    public static string? Closest(string typed, IEnumerable<string> names)
    {
        var candidates = names.ToList();
        var starting = candidates.Where(n => typed.Length >= 3 && n.StartsWith(typed, StringComparison.Ordinal)).ToList();
        if (starting.Count == 1)
            return starting[0];
        var limit = Math.Max(1, typed.TrimStart('-').Length / 3);
        return candidates.Select(n => (Name: n, Distance: Distance(typed, n)))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name).FirstOrDefault();
    }

    // Optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbours (`scna`).
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
