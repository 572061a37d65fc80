using System.Collections.Concurrent;

namespace ImAudit.Engine;

/// <summary>
/// A thread-safe memory of values computed from keys that come from users (pattern texts, action lists), kept
/// while audits run (<see cref="AuditLifetime"/>): past its limit, and when the last running audit ends, it is
/// emptied, which costs only recomputation.
/// </summary>
internal sealed class BoundedMemo<TKey, TValue> : AuditLifetime.IMemo
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _values;
    private readonly int _limit;

    public BoundedMemo(int limit, IEqualityComparer<TKey>? comparer = null)
    {
        _values = new(comparer);
        _limit = limit;
        AuditLifetime.Register(this);
    }

    // Misses since the last emptying: at least the number of entries (racing misses of one key count twice).
    // ConcurrentDictionary.Count takes every lock of the table (up to 1,024 once it has grown): asking it on each
    // miss made 40,000 distinct actions in one document take seconds (issue 13).
    private int _misses;

    public TValue GetOrAdd<TState>(TKey key, Func<TKey, TState, TValue> compute, TState state)
    {
        if (_values.TryGetValue(key, out var known))
            return known;
        if (Interlocked.Increment(ref _misses) > _limit)
        {
            _values.Clear();
            Interlocked.Exchange(ref _misses, 1);
        }
        return _values.GetOrAdd(key, compute, state);
    }

    public void Clear()
    {
        _values.Clear();
        Interlocked.Exchange(ref _misses, 0);
    }

    /// <summary>How many values are remembered (for tests: the bound holds).</summary>
    internal int Count => _values.Count;
}
