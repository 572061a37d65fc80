using System.Globalization;
using System.Text;

namespace ImAudit.Cli.Tests.Fuzz;

/// <summary>
/// JSON text written by hand from a seeded <see cref="Random"/>, so that it can be what no serializer writes:
/// duplicate keys, lone UTF-16 surrogate escapes, numbers out of range, deep nesting, wrong types anywhere.
/// </summary>
internal sealed class HostileJson(int seed)
{
    public Random Random { get; } = new(seed);

    public bool Chance(double p) => Random.NextDouble() < p;

    public T Pick<T>(params T[] items) => items[Random.Next(items.Length)];

    public int Between(int min, int max) => Random.Next(min, max + 1);

    private static readonly string[] Texts =
    [
        "", " ", "a`<img src=x onerror=alert(9)>`b", "``x``", "<script>alert(1)</script>", "[x](javascript:alert(1))", "a|b|c",
        "line\nbreak", "\r\n# heading", "../../../x", "..\\..\\x", "%", "%zz", "${aws:username}", "*", "?", "**?*?", "ｓｓｍ-ｉｎｃｉｄｅｎｔｓ",
        "😀", "\u202eevil", "\u0000nul", "tab\there", "null", "true", "NaN", "Infinity", "-0", "1e999", "ssm-incidents", "o-a1b2c3d4e5",
        "111122223333", "arn:aws:iam::111122223333:role/x", "arn:aws:iam::111122223333:user/path/name", "CON", "a/b//c", "/", "\\", "\"",
    ];

    // Escapes JSON cannot hold as text: lone surrogates (either half, or reversed), NUL, direction overrides.
    private static readonly string[] RawEscapes = ["\\ud800", "\\udfff", "\\udc00\\ud800", "\\u0000", "\\u202e", "\\ud83d\\ude00", "\\uFFFF"];

    /// <summary>Some hostile text (unescaped).</summary>
    public string Text() => Random.Next(20) switch
    {
        0 => new string(Pick('a', '*', '?', '`', '|', '<'), Pick(1_000, 10_000, 100_000)),
        1 => string.Concat(Enumerable.Range(0, Between(1, 40)).Select(_ => (char)Random.Next(0x20, 0x2FFF))),
        _ => Pick(Texts),
    };

    /// <summary>A JSON string literal of <paramref name="text"/>, sometimes with a raw escape (lone surrogate…) inside.</summary>
    public string Str(string text)
    {
        var s = new StringBuilder(text.Length + 8).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': s.Append("\\\""); break;
                case '\\': s.Append("\\\\"); break;
                case < ' ': s.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"); break;
                case >= '\ud800' and <= '\udfff': s.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"); break;
                default: s.Append(c); break;
            }
        }
        if (Chance(0.04))
            s.Insert(Random.Next(1, s.Length), Pick(RawEscapes));
        return s.Append('"').ToString();
    }

    /// <summary>A string literal that is usually the given value, else hostile text.</summary>
    public string Str(params string[] usual) => Str(Chance(0.85) ? Pick(usual) : Text());

    public string Number() => Pick("0", "-0", "1", "12", "1.5", "-1", "1e999", "-1e999", "1e-999", "123456789012345678901234567890", "0.1e1", "111122223333", "2147483648");

    /// <summary>Any value: what a field holds when its type is wrong.</summary>
    public string Value(int depth = 2) => (depth <= 0 ? Random.Next(5) : Random.Next(8)) switch
    {
        0 => Str(Text()),
        1 => Number(),
        2 => Pick("true", "false"),
        3 => "null",
        4 => Pick("[]", "{}", "\"\""),
        5 => Array(Enumerable.Range(0, Between(0, 4)).Select(_ => Value(depth - 1))),
        6 => Object(Enumerable.Range(0, Between(0, 4)).Select(_ => (Text(), Value(depth - 1)))),
        _ => Nest(Between(2, 100)),
    };

    /// <summary>The value usually; else a value of a wrong type.</summary>
    public string OrWrong(string value, double wrong = 0.08) => Chance(wrong) ? Value() : value;

    /// <summary>An object from its members (keys unescaped); a member may come twice (duplicate key) or be left out.</summary>
    public string Object(IEnumerable<(string Key, string Value)> members)
    {
        var parts = new List<string>();
        foreach (var (key, value) in members)
        {
            if (Chance(0.03))
                continue;
            parts.Add($"{Str(key)}:{value}");
            if (Chance(0.02))
                parts.Add($"{Str(key)}:{Value(1)}");
        }
        return "{" + string.Join(Pick(",", ", ", ",\n  "), parts) + "}";
    }

    public string Array(IEnumerable<string> items) => "[" + string.Join(Pick(",", ", ", ",\n"), items) + "]";

    /// <summary>A list of <paramref name="count"/> items, or one item alone (IAM takes a string for a one-element list).</summary>
    public string ListOrOne(int count, Func<string> item) => count == 1 && Chance(0.5) ? item() : Array(Enumerable.Range(0, count).Select(_ => item()));

    /// <summary>Arrays or objects nested <paramref name="depth"/> deep.</summary>
    public string Nest(int depth)
    {
        var (open, close) = Chance(0.5) ? ("[", "]") : ("{\"a\":", "}");
        return string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
    }

    /// <summary>Whole-document damage: not JSON at all, cut short, trailing garbage, comments, a BOM.</summary>
    public string Broken(string json) => Random.Next(9) switch
    {
        0 => "",
        1 => json[..Random.Next(json.Length)],
        2 => json + Pick("}", "]", ",", " x", "\0"),
        3 => "// comment\n" + json,
        4 => "\ufeff" + json,
        5 => Pick("null", "[]", "\"text\"", "42", "NaN", "true", "[{}]", "{"),
        6 => json.Replace(":", ": NaN, \"x\":", StringComparison.Ordinal),
        7 => json.Replace("\"", "'", StringComparison.Ordinal),
        _ => Nest(Pick(70, 1_000, 10_000)),
    };
}
