using ImAudit.Engine.Catalog;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImAudit.Engine.Rules.Validity;

namespace ImAudit.Engine.Tests.Properties;

/// <summary>The bounded edit distance behind IMA102/IMA103's suggestions against the exact one it replaces.</summary>
public class SuggestionProperties
{
    private static readonly Gen<string> Names = Gen.Elements('a', 'b', 'c', 'A', '-').ArrayOf().Select(cs => new string(cs));

    [Property(MaxTest = 3000)]
    public Property The_bounded_distance_is_exact_up_to_its_bound() =>
        Prop.ForAll(Names.ToArbitrary(), Names.ToArbitrary(), Gen.Choose(0, 6).ToArbitrary(), (a, b, max) =>
            Suggestions.EditDistanceWithin(a, b, max) == Math.Min(Suggestions.EditDistance(a, b), max + 1));

    [Fact]
    public void The_bounded_distance_is_exact_for_names_longer_than_its_stack_buffer()
    {
        var a = new string('a', 300) + "x";
        var b = new string('a', 299) + "yz";

        Assert.Equal(2, Suggestions.EditDistanceWithin(a, b, 3));
        Assert.Equal(2, Suggestions.EditDistanceWithin(a, b, 1));
    }
}
