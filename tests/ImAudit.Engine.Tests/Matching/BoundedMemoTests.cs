namespace ImAudit.Engine.Tests.Matching;

/// <summary>The memo every pattern cache uses: bounded, and each value computed once while remembered.</summary>
public class BoundedMemoTests
{
    [Fact]
    public void A_value_is_computed_once_while_remembered()
    {
        var memo = new BoundedMemo<string, int>(10, StringComparer.Ordinal);
        var computed = 0;

        var first = memo.GetOrAdd("a", (_, _) => ++computed, 0);
        var second = memo.GetOrAdd("a", (_, _) => ++computed, 0);

        Assert.Equal((1, 1, 1), (first, second, computed));
    }

    // The bound is a count of misses (issue 13: ConcurrentDictionary.Count took every lock of the table on each
    // miss, seconds for 40,000 distinct actions); it must still bound what is remembered.
    [Fact]
    public void Past_its_limit_the_memo_is_emptied_and_stays_bounded()
    {
        var memo = new BoundedMemo<int, int>(100);

        var largest = 0;
        for (var key = 0; key < 1_000; key++)
        {
            memo.GetOrAdd(key, (k, _) => k, 0);
            largest = Math.Max(largest, memo.Count);
        }

        Assert.InRange(largest, 100, 101);
        Assert.InRange(memo.Count, 1, 101);
    }
}
