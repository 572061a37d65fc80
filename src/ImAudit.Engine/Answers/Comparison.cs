using System.Text.Json;
using ImAudit.Engine.Access;
using ImAudit.Engine.Catalog;

namespace ImAudit.Engine.Answers;

/// <summary>
/// What policies allow beyond a baseline: each action in excess with the resources it is granted on and the
/// statements that grant it. <c>imaudit compare</c> prints it.
/// </summary>
public sealed class Comparison
{
    private readonly ComparisonResult _result;

    internal Comparison(ComparisonResult result) => _result = result;

    /// <summary>The baseline's name (a managed policy's <c>Name@vN</c>, or the file it was read from).</summary>
    public string Baseline => _result.Baseline;

    /// <summary>Nothing is in excess: the policies allow no more than the baseline.</summary>
    public bool IsSubset => _result.IsSubset;

    /// <summary>How many actions are in excess.</summary>
    public int ExcessCount => _result.Excess.Length;

    /// <summary>The excess by access level (highest first), one line per action, for people.</summary>
    public void WriteText(TextWriter output)
    {
        if (_result.IsSubset)
        {
            output.WriteLine($"within baseline {_result.Baseline}: nothing in excess");
            return;
        }
        var count = _result.Excess.Length;
        output.WriteLine($"exceeds baseline {_result.Baseline}: {count} action{(count == 1 ? "" : "s")} in excess");
        foreach (var level in _result.Excess.GroupBy(e => e.Action.AccessLevel).OrderByDescending(g => g.Key))
        {
            output.WriteLine($"  {level.Key.Display()}");
            foreach (var excess in level)
            {
                var resources = string.Join(", ", excess.Grants.Select(g => g.Display + (g.Conditional ? " (conditional)" : "")));
                var sources = string.Join(", ", Sources(excess).Select(s => $"`{s.Policy}` statement {s.Statement}"));
                output.WriteLine($"    {excess.Action.FullName,-45} on {resources}  from {sources}");
            }
        }
    }

    /// <summary>The same as properties of the JSON object <paramref name="w"/> is writing (what <c>imaudit compare --format json</c> prints).</summary>
    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteString("baseline", _result.Baseline);
        w.WriteBoolean("subset", _result.IsSubset);
        w.WriteStartArray("excess");
        foreach (var excess in _result.Excess)
        {
            w.WriteStartObject();
            w.WriteString("action", excess.Action.FullName);
            w.WriteString("accessLevel", excess.Action.AccessLevel.Display());
            w.WriteStartArray("resources");
            foreach (var grant in excess.Grants)
                w.WriteStringValue(grant.Display);
            w.WriteEndArray();
            w.WriteBoolean("conditional", excess.Grants.All(g => g.Conditional));
            w.WriteStartArray("grantedBy");
            foreach (var source in Sources(excess))
            {
                w.WriteStartObject();
                w.WriteString("policy", source.Policy);
                w.WriteNumber("statement", source.Statement);
                if (source.Sid is not null)
                    w.WriteString("sid", source.Sid);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static IEnumerable<GrantSource> Sources(ActionExcess excess) => excess.Grants.SelectMany(g => g.Sources).Distinct();
}
