using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImAudit.Engine.Matching;

namespace ImAudit.Engine.Tests.Properties;

public class GlobProperties
{
    private static readonly Gen<string> Patterns = Gen.Elements("a", "b", ":", "*", "?", "*", "A").ArrayOf().Select(cs => string.Concat(cs));
    private static readonly Gen<string> Texts = Gen.Elements("a", "b", ":", "A", "c").ArrayOf().Select(cs => string.Concat(cs));

    [Property(MaxTest = 2000)]
    public Property Matcher_agrees_with_a_slow_reference() =>
        Prop.ForAll(Patterns.ToArbitrary(), Texts.ToArbitrary(), Gen.Elements(0, 1, 2, 3).ToArbitrary(), (pattern, text, mode) =>
        {
            var (ignoreCase, arn) = (mode % 2 == 1, mode >= 2);
            var options = (ignoreCase ? GlobOptions.IgnoreCase : GlobOptions.None) | (arn ? GlobOptions.ArnSegments : GlobOptions.None);
            return Glob.Compile(pattern, options).IsMatch(text) == Reference(pattern, text, ignoreCase, arn);
        });

    [Property(MaxTest = 2000)]
    public Property Inclusion_is_sound() =>
        Prop.ForAll(Patterns.ToArbitrary(), Patterns.ToArbitrary(), Texts.ToArbitrary(), (wide, narrow, text) =>
        {
            var w = Glob.Compile(wide, GlobOptions.ArnSegments);
            var n = Glob.Compile(narrow, GlobOptions.ArnSegments);
            return !w.Covers(n) || !n.IsMatch(text) || w.IsMatch(text);
        });

    [Property(MaxTest = 1000)]
    public Property Inclusion_is_exact_for_a_literal() =>
        Prop.ForAll(Patterns.ToArbitrary(), Texts.ToArbitrary(), (wide, text) =>
        {
            var w = Glob.Compile(wide, GlobOptions.ArnSegments);
            var literal = Glob.Compile([GlobPiece.Exact(text)], GlobOptions.ArnSegments);
            return w.Covers(literal) == w.IsMatch(text);
        });

    [Property(MaxTest = 2000)]
    public Property Intersection_is_sound_and_symmetric() =>
        Prop.ForAll(Patterns.ToArbitrary(), Patterns.ToArbitrary(), Texts.ToArbitrary(), (p, q, text) =>
        {
            var a = Glob.Compile(p, GlobOptions.ArnSegments);
            var b = Glob.Compile(q, GlobOptions.ArnSegments);
            var witnessed = a.IsMatch(text) && b.IsMatch(text);
            return (!witnessed || a.Intersects(b)) && a.Intersects(b) == b.Intersects(a);
        });

    [Property(MaxTest = 1000)]
    public Property Intersection_with_a_literal_is_matching() =>
        Prop.ForAll(Patterns.ToArbitrary(), Texts.ToArbitrary(), (p, text) =>
        {
            var a = Glob.Compile(p, GlobOptions.ArnSegments);
            return a.Intersects(Glob.Compile([GlobPiece.Exact(text)], GlobOptions.ArnSegments)) == a.IsMatch(text);
        });

    // A regular expression written from the IAM rules, independently of the matcher.
    private static bool Reference(string pattern, string text, bool ignoreCase, bool arn)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '?')
                regex.Append("(?s:.)");
            else if (c != '*')
                regex.Append(Regex.Escape(c.ToString()));
            else
            {
                var j = i;
                while (j < pattern.Length && pattern[j] == '*')
                    j++;
                var endsSegment = j == pattern.Length || pattern[j] == ':';
                regex.Append(arn && !endsSegment ? "[^:]*" : "(?s:.*)");
                i = j - 1;
            }
        }
        regex.Append('$');
        return Regex.IsMatch(text, regex.ToString(), ignoreCase ? RegexOptions.IgnoreCase | RegexOptions.CultureInvariant : RegexOptions.None);
    }
}
