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

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AuditLifetimeCollection
{
    // Alone: whether a memo is emptied depends on every audit running in the process.
    public const string Name = "audit lifetime";
}

/// <summary>
/// Issue 14, item 3: memos keyed by policy text lived as long as the process, so a warm process auditing one account
/// after another kept every account's patterns (up to 100,000 per memo). They now live while audits run.
/// </summary>
[Collection(AuditLifetimeCollection.Name)]
public class AuditLifetimeTests
{
    [Fact]
    public void A_memo_is_kept_while_an_audit_runs_and_emptied_when_the_last_one_ends()
    {
        var memo = new BoundedMemo<string, int>(10, StringComparer.Ordinal);
        var outer = AuditLifetime.Begin();
        var inner = AuditLifetime.Begin();
        memo.GetOrAdd("a", (_, _) => 1, 0);

        inner.Dispose();
        var whileOneRuns = memo.Count;
        outer.Dispose();

        Assert.Equal(1, whileOneRuns);
        Assert.Equal(0, memo.Count);
    }

    [Fact]
    public void An_audit_leaves_the_catalogue_memos_keyed_by_user_text_empty()
    {
        var catalog = ImAudit.Engine.Catalog.IamCatalog.Default;
        var policy = Rules.AccountHarness.Allow("""["ssm-incidents:NotAnAction1234","ssm-contacts:StartEngagement"]""", "arn:aws:ssm-contacts:*:*:contact/lifetime-*");
        var inventory = Rules.AccountHarness.Account([Rules.AccountHarness.User("ana", policy)]);

        var report = new PolicyEngine(catalog).Audit(inventory, DateTimeOffset.UnixEpoch);

        Assert.Contains(report.Findings, f => f.RuleId == "IMA102");
        // Asked again outside an audit: the one pattern asked is all the memos hold.
        Assert.Empty(catalog.ExpandCached(ImAudit.Engine.Matching.ActionPattern.TryParse("ssm-incidents:NotAnAction1234", out _)!));
        Assert.Equal(1, catalog.Memo.UserKeyedCount);
    }
}
