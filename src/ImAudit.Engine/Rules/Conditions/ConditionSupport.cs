using System.Collections.Immutable;
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

    // Embedded data, read once and immutable by type: process-wide state a rule may hold.
    private static readonly Lazy<ConditionSupport> Embedded = new(Load);
    private readonly ImmutableArray<Entry> _entries;

    private ConditionSupport(ImmutableArray<Entry> entries) => _entries = entries;

    // A key, or a prefix when the matrix writes a trailing `*` (its only wildcard), case-insensitive as keys are.
    private sealed record Entry(string Key, bool IsPrefix, KeyState State, string Note)
    {
        public bool Matches(string key) => IsPrefix ? key.StartsWith(Key, StringComparison.OrdinalIgnoreCase) : key.Equals(Key, StringComparison.OrdinalIgnoreCase);
    }

    public static ConditionSupport Default => Embedded.Value;

    public KeyState StateOf(string key) => Find(key)?.State ?? KeyState.Unknown;

    public string? NoteOf(string key) => Find(key)?.Note;

    /// <summary>A request context for an Incident Manager action: absent keys known absent, all others unknown.</summary>
    public ContextLookup Lookup => key => StateOf(key) == KeyState.Absent ? [] : null;

    private Entry? Find(string key)
    {
        foreach (var entry in _entries)
        {
            if (entry.Matches(key))
                return entry;
        }
        return null;
    }

    internal static ConditionSupport Parse(TextReader reader)
    {
        var entries = ImmutableArray.CreateBuilder<Entry>();
        foreach (var fields in EmbeddedData.Rows(reader))
        {
            var state = fields[1] switch
            {
                "absent" => KeyState.Absent,
                "present" => KeyState.Present,
                "unknown" => KeyState.Unknown,
                _ => throw new FormatException($"condition-support: unknown state `{fields[1]}` for `{fields[0]}`"),
            };
            var key = fields[0];
            var isPrefix = key.EndsWith('*');
            if (isPrefix)
                key = key[..^1];
            if (key.Contains('*', StringComparison.Ordinal) || key.Contains('?', StringComparison.Ordinal))
                throw new FormatException($"condition-support: `{fields[0]}` has a wildcard other than a trailing `*`");
            entries.Add(new Entry(key, isPrefix, state, fields.Length > 2 ? fields[2] : ""));
        }
        return new ConditionSupport(entries.DrainToImmutable());
    }

    private static ConditionSupport Load()
    {
        using var reader = new StreamReader(EmbeddedData.Open("ImAudit.Engine.rules.condition-support.tsv"));
        return Parse(reader);
    }
}
