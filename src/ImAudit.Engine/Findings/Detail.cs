using System.Collections.Immutable;

namespace ImAudit.Engine.Findings;

/// <summary>
/// A rule-specific detail value: text, a number, a flag, a list of values or a nested map. A closed set so
/// reports serialise without reflection.
/// </summary>
public abstract record Detail
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

public sealed record ListDetail(ImmutableArray<Detail> Items) : Detail
{
    /// <summary>Set for a shared list (<see cref="Detail.SharedList"/>): the id the report's <c>groups</c> name it by.</summary>
    public string? SharedId { get; init; }
}

public sealed record MapDetail(ImmutableArray<KeyValuePair<string, Detail>> Entries) : Detail;
