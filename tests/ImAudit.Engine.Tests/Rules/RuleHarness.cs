using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Tests.Rules;

/// <summary>Runs every policy rule over a document and picks one rule's findings.</summary>
internal static class RuleHarness
{
    /// <summary>The name the harness gives the document it parses; findings name it as their policy.</summary>
    public const string PolicyName = "policy.json";

    private static readonly PolicyEngine Engine = new(IamCatalog.Default);

    public static IReadOnlyList<Finding> Run(string ruleId, string json, PolicyKind kind = PolicyKind.Identity, string? protectedArn = null, params string[] trusted)
    {
        var resource = protectedArn ?? "arn:aws:iam::111122223333:policy/Test";
        var result = Engine.CheckPolicy(PolicyParser.Parse(json, kind, PolicyName), resource, protectedArn, trusted);
        Assert.Empty(result.Failures);
        return RuleRuns.Record(ruleId, [.. result.Findings.Where(f => f.RuleId == ruleId)]);
    }

    /// <summary>A policy with one statement.</summary>
    public static string Statement(string effect, string actionsJson, string resource = "*") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"{{effect}}","Action":{{actionsJson}},"Resource":"{{resource}}"}]}""";

    public static string? Suggestion(Finding finding) =>
        finding.Details.Entries.FirstOrDefault(e => e.Key == "suggestion").Value is TextDetail t ? t.Value : null;

    /// <summary>
    /// The one-based line and column where the <paramref name="occurrence"/>-th <paramref name="text"/> starts in
    /// <paramref name="json"/>, counted here from the text itself so that a test does not take the parser's word for it.
    /// </summary>
    public static (int Line, int Column) PositionOf(string json, string text, int occurrence = 0)
    {
        var at = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            at = json.IndexOf(text, at + 1, StringComparison.Ordinal);
            Assert.True(at >= 0, $"`{text}` occurs fewer than {occurrence + 1} times in the test policy");
        }
        var lineStart = json.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
        return (json[..at].Count(c => c == '\n') + 1, at - lineStart + 1);
    }

    /// <summary>The location of a finding in a policy parsed from text: the element at <paramref name="pointer"/> starts where <paramref name="text"/> does.</summary>
    public static FindingLocation At(string policy, string json, int statement, string? sid, string pointer, string text, int occurrence = 0)
    {
        var (line, column) = PositionOf(json, text, occurrence);
        return new FindingLocation(policy, statement, sid, pointer, line, column);
    }

    /// <summary>The location of a finding in the harness's own policy (<see cref="PolicyName"/>).</summary>
    public static FindingLocation At(string json, int statement, string? sid, string pointer, string text, int occurrence = 0) =>
        At(PolicyName, json, statement, sid, pointer, text, occurrence);
}
