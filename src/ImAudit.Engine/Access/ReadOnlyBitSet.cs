namespace ImAudit.Engine.Access;

/// <summary>
/// A <see cref="BitSet"/> as memos hand it out: the memo keeps the set and shares it with every caller, so a
/// receiver can read it and derive new sets from it, never change it. <see cref="ToBitSet"/> is the explicit copy
/// for a caller that needs to. A wrapper, not a copy: handing one out allocates nothing.
/// </summary>
internal readonly struct ReadOnlyBitSet(BitSet set)
{
    private readonly BitSet _set = set;

    /// <summary>How many indexes the set ranges over (not how many are in it).</summary>
    public int Count => _set.Count;

    public bool this[int index] => _set[index];

    public bool IsEmpty => _set.IsEmpty;

    internal ReadOnlySpan<ulong> WordSpan => _set.WordSpan;

    public bool IsSubsetOf(ReadOnlyBitSet other) => _set.IsSubsetOf(other);

    /// <summary>A new set: this one without <paramref name="other"/>'s members.</summary>
    public BitSet Except(ReadOnlyBitSet other) => _set.Except(other);

    /// <summary>A new set: this one without <paramref name="index"/>.</summary>
    public BitSet Without(int index) => _set.Without(index);

    /// <summary>A new set: every index in range that is not in this one.</summary>
    public BitSet Complement() => _set.Complement();

    /// <summary>A new set with the same members, for a caller that changes it.</summary>
    public BitSet ToBitSet() => _set.Copy();

    /// <inheritdoc cref="BitSet.Key"/>
    public string Key() => _set.Key();

    /// <summary>The members in increasing order.</summary>
    public IEnumerable<int> Indexes() => _set.Indexes();
}
