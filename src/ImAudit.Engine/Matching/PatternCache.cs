using System.Collections.Concurrent;

namespace ImAudit.Engine.Matching;

/// <summary>
/// Compiled action and resource patterns, shared by text: accounts repeat the same few hundred patterns across
/// thousands of statements, and patterns are immutable. Bounded: the memory is dropped past 100,000 patterns
/// (documents come from users), which costs only recompilation.
/// </summary>
internal static class PatternCache
{
    private const int Limit = 100_000;
    private static readonly ConcurrentDictionary<string, (ActionPattern? Pattern, string? Error)> Actions = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string Text, bool Variables), ResourcePattern> Resources = new();

    public static ActionPattern? Action(string text, out string? error)
    {
        if (!Actions.TryGetValue(text, out var parsed))
        {
            if (Actions.Count > Limit)
                Actions.Clear();
            parsed = Actions.GetOrAdd(text, static t => (ActionPattern.TryParse(t, out var e), e));
        }
        error = parsed.Error;
        return parsed.Pattern;
    }

    public static ResourcePattern Resource(string text, bool variablesEnabled)
    {
        if (Resources.TryGetValue((text, variablesEnabled), out var pattern))
            return pattern;
        if (Resources.Count > Limit)
            Resources.Clear();
        return Resources.GetOrAdd((text, variablesEnabled), static key => new ResourcePattern(key.Text, key.Variables));
    }
}
