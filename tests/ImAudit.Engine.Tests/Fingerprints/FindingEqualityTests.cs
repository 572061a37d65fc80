using ImAudit.Engine.Findings;

namespace ImAudit.Engine.Tests.Fingerprints;

/// <summary>
/// Issue 16: the audit's <c>findings.Distinct()</c> kept two equal findings when their details were built twice and
/// dropped one when a memo had handed both the same list (details compared by reference). Details compare by value.
/// </summary>
public class FindingEqualityTests
{
    private static Finding Make() =>
        new("IMA307", Severity.Info, "title", "message", "arn:aws:iam::111122223333:user/ana", null,
            Detail.Map(("engageable", Detail.SharedList(["arn:aws:ssm-contacts:us-east-1:111122223333:contact/a"])), ("actions", Detail.List(["a", "b"])), ("count", 2)),
            "fingerprint");

    [Fact]
    public void Regression_equal_findings_built_apart_are_one_for_distinct()
    {
        var first = Make();
        var second = Make();

        Assert.NotSame(first.Details, second.Details);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Single(new[] { first, second }.Distinct());
    }

    [Fact]
    public void Findings_whose_details_differ_stay_apart()
    {
        var first = Make();
        var other = first with { Details = Detail.Map(("engageable", Detail.SharedList(["arn:aws:ssm-contacts:us-east-1:111122223333:contact/b"])), ("actions", Detail.List(["a", "b"])), ("count", 2)) };
        var unshared = first with { Details = Detail.Map(("engageable", Detail.List(["arn:aws:ssm-contacts:us-east-1:111122223333:contact/a"])), ("actions", Detail.List(["a", "b"])), ("count", 2)) };

        Assert.Equal(3, new[] { first, other, unshared }.Distinct().Count());
    }
}
