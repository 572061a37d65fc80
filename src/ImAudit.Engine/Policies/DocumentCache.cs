namespace ImAudit.Engine.Policies;

/// <summary>
/// Parses each policy document of an audit once. The same name, kind and text give the same instance (so memos keyed
/// by document hit across the policy rules and principal resolution); the same text under another name shares the
/// parsed statements (accounts repeat trust policies and copied inline policies by the thousand). One per audit
/// (<see cref="AuditMemo"/>), with the audit's compiled patterns.
/// </summary>
internal sealed class DocumentCache
{
    public Matching.PatternCache Patterns { get; } = new();

    private readonly Dictionary<(string Text, PolicyKind Kind), PolicyDocument> _byText = [];
    private readonly Dictionary<(string Name, PolicyKind Kind, string Text), PolicyDocument> _byName = [];

    public PolicyDocument Parse(string text, PolicyKind kind, string name)
    {
        PolicyDocument? parsed;
        lock (_byName)
        {
            if (_byName.TryGetValue((name, kind, text), out var known))
                return known;
            _byText.TryGetValue((text, kind), out parsed);
        }
        // Parsing happens outside the lock: audits parse in parallel. A race parses a text twice, harmlessly.
        var document = parsed is null ? PolicyParser.Parse(text, kind, name, Patterns) : parsed with { Name = name };
        lock (_byName)
        {
            _byText.TryAdd((text, kind), document);
            return _byName.TryAdd((name, kind, text), document) ? document : _byName[(name, kind, text)];
        }
    }
}
