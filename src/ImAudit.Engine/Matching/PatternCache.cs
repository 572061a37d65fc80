namespace ImAudit.Engine.Matching;

/// <summary>
/// Compiled action and resource patterns, shared by text: accounts repeat the same few hundred patterns across
/// thousands of statements, and patterns are immutable. Bounded (100,000 patterns): documents come from users.
/// </summary>
internal static class PatternCache
{
    private const int Limit = 100_000;
    private static readonly BoundedMemo<string, (ActionPattern? Pattern, string? Error)> Actions = new(Limit, StringComparer.Ordinal);
    private static readonly BoundedMemo<(string Text, bool Variables), ResourcePattern> Resources = new(Limit);

    public static ActionPattern? Action(string text, out string? error)
    {
        var parsed = Actions.GetOrAdd(text, static (t, _) => (ActionPattern.TryParse(t, out var e), e), 0);
        error = parsed.Error;
        return parsed.Pattern;
    }

    /// <summary>How many patterns are remembered (for tests: audits leave none behind).</summary>
    internal static int Count => Actions.Count + Resources.Count;

    public static ResourcePattern Resource(string text, bool variablesEnabled) =>
        Resources.GetOrAdd((text, variablesEnabled), static (key, _) => new ResourcePattern(key.Text, key.Variables), 0);
}
