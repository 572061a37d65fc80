namespace ImAudit.Engine.Matching;

/// <summary>Kleene three-valued logic: a match or condition that depends on what the request context does not say.</summary>
internal enum Tristate
{
    False,
    True,
    Unknown,
}

internal static class TristateLogic
{
    public static Tristate From(bool value) => value ? Tristate.True : Tristate.False;

    public static Tristate Not(this Tristate value) => value switch
    {
        Tristate.True => Tristate.False,
        Tristate.False => Tristate.True,
        _ => Tristate.Unknown,
    };

    public static Tristate And(this Tristate a, Tristate b) =>
        a == Tristate.False || b == Tristate.False ? Tristate.False
        : a == Tristate.True && b == Tristate.True ? Tristate.True
        : Tristate.Unknown;

    public static Tristate Or(this Tristate a, Tristate b) =>
        a == Tristate.True || b == Tristate.True ? Tristate.True
        : a == Tristate.False && b == Tristate.False ? Tristate.False
        : Tristate.Unknown;

    public static Tristate Any<T>(IEnumerable<T> items, Func<T, Tristate> test)
    {
        var result = Tristate.False;
        foreach (var item in items)
        {
            result = result.Or(test(item));
            if (result == Tristate.True)
                return result;
        }
        return result;
    }

    public static Tristate All<T>(IEnumerable<T> items, Func<T, Tristate> test)
    {
        var result = Tristate.True;
        foreach (var item in items)
        {
            result = result.And(test(item));
            if (result == Tristate.False)
                return result;
        }
        return result;
    }
}
