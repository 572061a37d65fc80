using ImAudit.Engine.Matching;

namespace ImAudit.Engine.Rules.Conditions;

internal enum KeyState
{
    Absent,
    Present,
    Unknown,
}

/// <summary>
/// The condition-key support matrix for Incident Manager actions (<c>Rules/Data/condition-support.tsv</c>):
/// which keys a request for an Incident Manager action never carries, always carries, or may carry.
/// </summary>
internal sealed class ConditionSupport
{
    public const string Source = "Incident Manager IAM documentation: no service-specific condition keys, no ABAC (the Service Authorization Reference lists tag keys for some Incident Manager resources)";

    private static readonly Lazy<ConditionSupport> Embedded = new(Load);
    private readonly List<(Glob Pattern, KeyState State, string Note)> _entries;

    private ConditionSupport(List<(Glob, KeyState, string)> entries) => _entries = entries;

    public static ConditionSupport Default => Embedded.Value;

    public KeyState StateOf(string key) => Find(key)?.State ?? KeyState.Unknown;

    public string? NoteOf(string key) => Find(key)?.Note;

    /// <summary>A request context for an Incident Manager action: absent keys known absent, all others unknown.</summary>
    public ContextLookup Lookup => key => StateOf(key) == KeyState.Absent ? [] : null;

    private (KeyState State, string Note)? Find(string key)
    {
        foreach (var (pattern, state, note) in _entries)
        {
            if (pattern.IsMatch(key))
                return (state, note);
        }
        return null;
    }

    internal static ConditionSupport Parse(TextReader reader)
    {
        var entries = new List<(Glob, KeyState, string)>();
        foreach (var fields in EmbeddedData.Rows(reader))
        {
            var state = fields[1] switch
            {
                "absent" => KeyState.Absent,
                "present" => KeyState.Present,
                "unknown" => KeyState.Unknown,
                _ => throw new FormatException($"condition-support: unknown state `{fields[1]}` for `{fields[0]}`"),
            };
            entries.Add((Glob.Compile(fields[0], GlobOptions.IgnoreCase), state, fields.Length > 2 ? fields[2] : ""));
        }
        return new ConditionSupport(entries);
    }

    private static ConditionSupport Load()
    {
        using var reader = new StreamReader(EmbeddedData.Open("ImAudit.Engine.rules.condition-support.tsv"));
        return Parse(reader);
    }
}
