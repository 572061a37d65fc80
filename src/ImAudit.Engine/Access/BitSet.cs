using System.Numerics;

namespace ImAudit.Engine.Access;

/// <summary>
/// A fixed-size set of small integers (indexes into a list), 64 to a word. Mutable, for the one who builds it; what
/// memos keep and share is handed out as a <see cref="ReadOnlyBitSet"/>.
/// </summary>
internal sealed class BitSet
{
    private readonly ulong[] _words;

    public BitSet(int count)
    {
        Count = count;
        _words = new ulong[(count + 63) / 64];
    }

    private BitSet(int count, ulong[] words)
    {
        Count = count;
        _words = words;
    }

    /// <summary>How many indexes the set ranges over (not how many are in it).</summary>
    public int Count { get; }

    internal ReadOnlySpan<ulong> WordSpan => _words;

    public static implicit operator ReadOnlyBitSet(BitSet set) => new(set);

    /// <summary>A new set with the same members, for a caller that changes it.</summary>
    public BitSet Copy() => new(Count, (ulong[])_words.Clone());

    public bool this[int index] => (_words[index >> 6] & (1UL << (index & 63))) != 0;

    public void Add(int index) => _words[index >> 6] |= 1UL << (index & 63);

    /// <summary>A new set: this one without <paramref name="index"/>.</summary>
    public BitSet Without(int index)
    {
        var words = (ulong[])_words.Clone();
        words[index >> 6] &= ~(1UL << (index & 63));
        return new BitSet(Count, words);
    }

    public bool IsEmpty => Array.TrueForAll(_words, w => w == 0);

    public bool IsSubsetOf(ReadOnlyBitSet other)
    {
        var others = other.WordSpan;
        for (var i = 0; i < _words.Length; i++)
        {
            if ((_words[i] & ~others[i]) != 0)
                return false;
        }
        return true;
    }

    public void UnionWith(ReadOnlyBitSet other)
    {
        var others = other.WordSpan;
        for (var i = 0; i < _words.Length; i++)
            _words[i] |= others[i];
    }

    public void ExceptWith(ReadOnlyBitSet other)
    {
        var others = other.WordSpan;
        for (var i = 0; i < _words.Length; i++)
            _words[i] &= ~others[i];
    }

    public void IntersectWith(ReadOnlyBitSet other)
    {
        var others = other.WordSpan;
        for (var i = 0; i < _words.Length; i++)
            _words[i] &= others[i];
    }

    /// <summary>A new set: this one without <paramref name="other"/>'s members.</summary>
    public BitSet Except(ReadOnlyBitSet other)
    {
        var others = other.WordSpan;
        var words = new ulong[_words.Length];
        for (var i = 0; i < words.Length; i++)
            words[i] = _words[i] & ~others[i];
        return new BitSet(Count, words);
    }

    /// <summary>A new set: every index in range that is not in this one.</summary>
    public BitSet Complement()
    {
        var words = new ulong[_words.Length];
        for (var i = 0; i < words.Length; i++)
            words[i] = ~_words[i];
        if (Count % 64 != 0 && words.Length > 0)
            words[^1] &= (1UL << (Count % 64)) - 1;
        return new BitSet(Count, words);
    }

    /// <summary>The words of several sets one after another: equal for equal sequences of sets (a dictionary key, with <see cref="WordsComparer"/>).</summary>
    public static ulong[] Words(IEnumerable<ReadOnlyBitSet> sets)
    {
        var words = new ulong[sets.Sum(s => s.WordSpan.Length)];
        var at = 0;
        foreach (var set in sets)
        {
            set.WordSpan.CopyTo(words.AsSpan(at));
            at += set.WordSpan.Length;
        }
        return words;
    }

    /// <summary>Compares word arrays by content.</summary>
    public sealed class WordsComparer : IEqualityComparer<ulong[]>
    {
        public static readonly WordsComparer Instance = new();

        public bool Equals(ulong[]? x, ulong[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(ulong[] words)
        {
            var hash = new HashCode();
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(words.AsSpan()));
            return hash.ToHashCode();
        }
    }

    /// <summary>A string equal for equal sets of the same range (a dictionary key).</summary>
    public string Key() => string.Join('.', _words.Select(w => w.ToString("x", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The members in increasing order.</summary>
    public IEnumerable<int> Indexes()
    {
        for (var w = 0; w < _words.Length; w++)
        {
            var word = _words[w];
            while (word != 0)
            {
                yield return (w * 64) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
            }
        }
    }
}
