using System.Collections.Immutable;
using ImAudit.Engine.Matching;

namespace ImAudit.Engine.Evaluation;

/// <summary>
/// What a request carries. A key is known (with values), known to be absent, or not said at all; conditions on a
/// key that is not said evaluate to "unknown" and make the answer conditional. Keys compare case-insensitively.
/// </summary>
internal sealed class RequestContext
{
    private readonly ImmutableDictionary<string, ImmutableArray<string>> _values;
    private readonly ImmutableHashSet<string> _absent;

    public RequestContext(string action, string resource, IEnumerable<KeyValuePair<string, string>>? values = null,
        IEnumerable<string>? absentKeys = null, string? principalArn = null)
    {
        Action = action;
        Resource = resource;
        PrincipalArn = principalArn;
        _values = (values ?? [])
            .GroupBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase)
            .ToImmutableDictionary(g => g.Key, g => g.Select(kv => kv.Value).ToImmutableArray(), StringComparer.OrdinalIgnoreCase);
        _absent = (absentKeys ?? []).ToImmutableHashSet(StringComparer.OrdinalIgnoreCase);
        // The principal's global keys come with the request; what the caller of this constructor stated wins.
        if (Caller.Parse(principalArn) is { } caller)
        {
            foreach (var (key, value) in caller.ContextKeys())
            {
                if (!_values.ContainsKey(key) && !_absent.Contains(key))
                    _values = _values.Add(key, [value]);
            }
        }
    }

    public string Action { get; }

    public string Resource { get; }

    /// <summary>
    /// The caller (an IAM user, role, role session or service principal): it decides a resource policy's
    /// <c>Principal</c>, whether the request crosses accounts, and the values of <c>aws:PrincipalArn</c>,
    /// <c>aws:PrincipalAccount</c>, <c>aws:PrincipalType</c>, <c>aws:PrincipalIsAWSService</c> (and
    /// <c>aws:username</c>, <c>aws:PrincipalServiceName</c>) when the context does not state them.
    /// </summary>
    public string? PrincipalArn { get; }

    public IReadOnlyDictionary<string, ImmutableArray<string>> Values => _values;

    public IReadOnlyCollection<string> AbsentKeys => _absent;

    /// <summary>Values when known, an empty list when known absent, null when the context does not say.</summary>
    public IReadOnlyList<string>? Lookup(string key) =>
        _values.TryGetValue(key, out var values) ? values : _absent.Contains(key) ? [] : null;

    internal ContextLookup AsLookup() => Lookup;
}
