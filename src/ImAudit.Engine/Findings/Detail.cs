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

    public static MapDetail Map(params (string Key, Detail Value)[] entries) => new MapDetail([.. entries.Select(e => new KeyValuePair<string, Detail>(e.Key, e.Value))]);
}

public sealed record TextDetail(string Value) : Detail;

public sealed record NumberDetail(int Value) : Detail;

public sealed record FlagDetail(bool Value) : Detail;

public sealed record ListDetail(ImmutableArray<Detail> Items) : Detail;

public sealed record MapDetail(ImmutableArray<KeyValuePair<string, Detail>> Entries) : Detail;
