using System.Text.Json;
using ImAudit.Engine.Catalog;

namespace ImAudit.Engine.Answers;

/// <summary>
/// The result of expanding one action pattern: the catalogue's actions it matches (in full-name order), or why it is
/// not a pattern (<see cref="Error"/>). <c>imaudit expand</c> prints it.
/// </summary>
public sealed class Expansion
{
    internal Expansion(string pattern, IReadOnlyList<ActionInfo> actions, string? error)
    {
        Pattern = pattern;
        Actions = actions;
        Error = error;
    }

    public string Pattern { get; }

    /// <summary>One line naming what is wrong with the pattern, or null when it is one.</summary>
    public string? Error { get; }

    /// <summary>The matched actions' full names (<c>service:Action</c>, the catalogue's casing).</summary>
    public IEnumerable<string> ActionNames => Actions.Select(a => a.FullName);

    internal IReadOnlyList<ActionInfo> Actions { get; }

    /// <summary>The pattern, how many actions it matches, then each with its access level, for people.</summary>
    public void WriteText(TextWriter output)
    {
        var count = Actions.Count;
        output.WriteLine($"{Pattern}: {count} action{(count == 1 ? "" : "s")}");
        foreach (var action in Actions)
            output.WriteLine($"  {action.FullName,-60} {action.AccessLevel.Display()}");
    }

    /// <summary>One JSON object: the pattern and the matched actions' full names (what <c>imaudit expand --format json</c> prints for it).</summary>
    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("pattern", Pattern);
        w.WriteStartArray("actions");
        foreach (var action in Actions)
            w.WriteStringValue(action.FullName);
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
