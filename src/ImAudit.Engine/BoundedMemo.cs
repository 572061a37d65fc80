using System.Collections.Concurrent;

namespace ImAudit.Engine;

/// <summary>
/// A thread-safe memory of values computed from keys that come from users (pattern texts, action lists), kept
/// for the life of the process: past its limit it is emptied, which costs only recomputation.
/// </summary>
internal sealed class BoundedMemo<TKey, TValue>(int limit, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _values = new(comparer);

    public TValue GetOrAdd<TState>(TKey key, Func<TKey, TState, TValue> compute, TState state)
    {
        if (_values.TryGetValue(key, out var known))
            return known;
        if (_values.Count > limit)
            _values.Clear();
        return _values.GetOrAdd(key, compute, state);
    }
}
