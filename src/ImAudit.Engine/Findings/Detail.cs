using System.Collections.Immutable;

namespace ImAudit.Engine.Findings;

/// <summary>
/// A rule-specific detail value: text, a number, a flag, a list of values or a nested map. A closed set so
/// reports serialise without reflection.
/// </summary>
internal abstract record Detail
{
    public static implicit operator Detail(string value) => new TextDetail(value);

    public static implicit operator Detail(int value) => new NumberDetail(value);

    public static implicit operator Detail(bool value) => new FlagDetail(value);

    public static Detail List(IEnumerable<Detail> items) => new ListDetail([.. items]);

    public static Detail List(IEnumerable<string> items) => new ListDetail([.. items.Select(i => (Detail)i)]);

    /// <summary>
    /// A list of resources that grows with the account and that many findings share (every contact a principal can
    /// page): <c>report.json</c> states it once under <c>groups</c>, named by a digest of its content, and each finding
    /// refers to it.
    /// </summary>
    public static ListDetail SharedList(IReadOnlyCollection<string> items) =>
        new([.. items.Select(i => (Detail)i)]) { SharedId = Finding.GroupId(items) };

    public static MapDetail Map(params (string Key, Detail Value)[] entries) => new MapDetail([.. entries.Select(e => new KeyValuePair<string, Detail>(e.Key, e.Value))]);
}

internal sealed record TextDetail(string Value) : Detail;

internal sealed record NumberDetail(int Value) : Detail;

internal sealed record FlagDetail(bool Value) : Detail;

// Lists and maps compare by their items (ImmutableArray compares by reference): two findings are equal, and
// Distinct() keeps one, whether or not a memo handed both the same list. Hashes read the first items only: lists
// run to thousands of contacts, and equal values still hash alike.
internal sealed record ListDetail(ImmutableArray<Detail> Items) : Detail
{
    /// <summary>Set for a shared list (<see cref="Detail.SharedList"/>): the id the report's <c>groups</c> name it by.</summary>
    public string? SharedId { get; init; }

    public bool Equals(ListDetail? other) =>
        other is not null && (Items == other.Items || Items.AsSpan().SequenceEqual(other.Items.AsSpan())) && SharedId == other.SharedId;

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Items.Length);
        hash.Add(SharedId);
        foreach (var item in Items.AsSpan()[..Math.Min(Items.Length, 8)])
            hash.Add(item);
        return hash.ToHashCode();
    }
}

internal sealed record MapDetail(ImmutableArray<KeyValuePair<string, Detail>> Entries) : Detail
{
    public bool Equals(MapDetail? other)
    {
        if (other is null || Entries.Length != other.Entries.Length)
            return false;
        if (Entries == other.Entries)
            return true;
        for (var i = 0; i < Entries.Length; i++)
        {
            if (Entries[i].Key != other.Entries[i].Key || !Equals(Entries[i].Value, other.Entries[i].Value))
                return false;
        }
        return true;
    }

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Entries.Length);
        foreach (var (key, value) in Entries.AsSpan()[..Math.Min(Entries.Length, 8)])
            hash.Add((key, value));
        return hash.ToHashCode();
    }
}
