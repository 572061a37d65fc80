namespace ImAudit.Engine.Matching;

/// <summary>Looks up a request-context key; null when the context does not say.</summary>
internal delegate IReadOnlyList<string>? ContextLookup(string key);

/// <summary>
/// Text with IAM policy variables (<c>${aws:username}</c>, <c>${aws:PrincipalTag/team, 'none'}</c>) and the
/// escapes <c>${*}</c>, <c>${?}</c>, <c>${$}</c>. Variables only exist in policies of Version 2012-10-17; in
/// older documents the text is taken as written.
/// </summary>
internal sealed class PolicyTemplate
{
    private readonly IReadOnlyList<Part> _parts;

    private PolicyTemplate(string source, IReadOnlyList<Part> parts)
    {
        Source = source;
        _parts = parts;
        Variables = parts.Where(p => p.Key is not null).Select(p => p.Key!).ToArray();
    }

    public string Source { get; }

    public IReadOnlyList<string> Variables { get; }

    public bool HasVariables => Variables.Count > 0;

    /// <summary>The template of <paramref name="text"/>; variables are read from <paramref name="from"/> on, text before it is literal.</summary>
    public static PolicyTemplate Parse(string text, bool variablesEnabled, int from = 0)
    {
        if (!variablesEnabled || text.IndexOf("${", from, StringComparison.Ordinal) < 0)
            return new PolicyTemplate(text, [new Part(text, false, null, null)]);
        var parts = new List<Part>();
        var start = 0;
        var i = from;
        while (i < text.Length)
        {
            var open = text.IndexOf("${", i, StringComparison.Ordinal);
            var close = open < 0 ? -1 : text.IndexOf('}', open + 2);
            if (open < 0 || close < 0)
                break;
            if (open > start)
                parts.Add(new Part(text[start..open], false, null, null));
            parts.Add(ParseVariable(text[(open + 2)..close]));
            start = i = close + 1;
        }
        if (start < text.Length)
            parts.Add(new Part(text[start..], false, null, null));
        return new PolicyTemplate(text, parts);
    }

    /// <summary>
    /// Substitutes what the context knows. An unknown variable becomes <c>*</c> and sets
    /// <paramref name="unknown"/>: the result then over-approximates what the text can match. A variable whose
    /// key the context says is absent takes its default; with no default nothing can match, and the result is null.
    /// </summary>
    public IReadOnlyList<GlobPiece>? Resolve(ContextLookup? lookup, out bool unknown)
    {
        unknown = false;
        var pieces = new List<GlobPiece>(_parts.Count);
        foreach (var part in _parts)
        {
            if (part.Key is null)
            {
                pieces.Add(new GlobPiece(part.Text, part.Literal));
                continue;
            }
            var values = lookup?.Invoke(part.Key);
            if (values is { Count: > 0 })
                pieces.Add(GlobPiece.Exact(values[0]));
            else if (values is not null && part.Default is not null)
                pieces.Add(GlobPiece.Exact(part.Default));
            else if (values is not null)
                return null;
            else
            {
                unknown = true;
                pieces.Add(GlobPiece.Pattern("*"));
            }
        }
        return pieces;
    }

    private static Part ParseVariable(string inner)
    {
        if (inner is "*" or "?" or "$")
            return new Part(inner, true, null, null);
        var comma = inner.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
            return new Part("", false, inner.Trim(), null);
        var fallback = inner[(comma + 1)..].Trim();
        if (fallback.Length >= 2 && fallback[0] == '\'' && fallback[^1] == '\'')
            fallback = fallback[1..^1];
        return new Part("", false, inner[..comma].Trim(), fallback);
    }

    private sealed record Part(string Text, bool Literal, string? Key, string? Default);
}
