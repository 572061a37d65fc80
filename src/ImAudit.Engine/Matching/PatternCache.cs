using System.Collections.Concurrent;

namespace ImAudit.Engine.Matching;

/// <summary>
/// Compiled action and resource patterns, shared by text within one audit (owned by its
/// <see cref="Policies.DocumentCache"/>): accounts repeat the same few hundred patterns across thousands of statements,
/// and patterns are immutable. Keyed by value (the text, and whether variables are read); not bounded: every entry
/// is a pattern of a document the audit keeps anyway, and the cache goes with the audit.
/// </summary>
internal sealed class PatternCache
{
    private readonly ConcurrentDictionary<string, (ActionPattern? Pattern, string? Error)> _actions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Text, bool Variables), ResourcePattern> _resources = new();

    public ActionPattern? Action(string text, out string? error)
    {
        var parsed = _actions.GetOrAdd(text, static t => (ActionPattern.TryParse(t, out var e), e));
        error = parsed.Error;
        return parsed.Pattern;
    }

    public ResourcePattern Resource(string text, bool variablesEnabled) =>
        _resources.GetOrAdd((text, variablesEnabled), static key => new ResourcePattern(key.Text, key.Variables));

    /// <summary>How many patterns are remembered (for tests).</summary>
    internal int Count => _actions.Count + _resources.Count;
}
