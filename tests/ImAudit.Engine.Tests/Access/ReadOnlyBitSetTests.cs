using System.Reflection;
using ImAudit.Engine.Access;

namespace ImAudit.Engine.Tests.Access;

/// <summary>What memos share is read-only by type: the view has no mutating member, and copies are explicit.</summary>
public class ReadOnlyBitSetTests
{
    // A mutator returns nothing; a member giving out a BitSet must give out a new one (next test).
    [Fact]
    public void The_view_has_no_member_that_changes_the_set_or_gives_it_out()
    {
        var methods = typeof(ReadOnlyBitSet).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly);

        Assert.DoesNotContain(methods, m => m.ReturnType == typeof(void));
        Assert.Equal(["Complement", "Except", "ToBitSet", "Without"], methods.Where(m => m.ReturnType == typeof(BitSet)).Select(m => m.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Sets_derived_from_a_view_are_new_sets()
    {
        var original = new BitSet(70);
        original.Add(3);
        original.Add(64);
        ReadOnlyBitSet shared = original;

        var copy = shared.ToBitSet();
        copy.Add(5);
        shared.Without(3).Add(6);
        shared.Except(new BitSet(70)).Add(7);
        shared.Complement().ExceptWith(shared);

        Assert.Equal([3, 64], shared.Indexes());
        Assert.Equal([3, 5, 64], copy.Indexes());
    }

    [Theory]
    [InlineData(typeof(AccessScope), nameof(AccessScope.CoveredIndexes))]
    [InlineData(typeof(ResourceReach), nameof(ResourceReach.Reached))]
    public void Memos_hand_out_read_only_sets(Type memo, string method) =>
        Assert.Equal(typeof(ReadOnlyBitSet), memo.GetMethod(method)!.ReturnType);
}
