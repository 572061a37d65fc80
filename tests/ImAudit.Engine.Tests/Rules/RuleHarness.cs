using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Tests.Rules;

/// <summary>Runs every policy rule over a document and picks one rule's findings.</summary>
internal static class RuleHarness
{
    private static readonly PolicyEngine Engine = new(IamCatalog.Default);

    public static IReadOnlyList<Finding> Run(string ruleId, string json, PolicyKind kind = PolicyKind.Identity, string? protectedArn = null, params string[] trusted)
    {
        var resource = protectedArn ?? "arn:aws:iam::111122223333:policy/Test";
        var result = Engine.CheckPolicy(PolicyParser.Parse(json, kind, "policy.json"), resource, protectedArn, trusted);
        Assert.Empty(result.Failures);
        return RuleRuns.Record(ruleId, [.. result.Findings.Where(f => f.RuleId == ruleId)]);
    }

    /// <summary>A policy with one statement.</summary>
    public static string Statement(string effect, string actionsJson, string resource = "*") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"{{effect}}","Action":{{actionsJson}},"Resource":"{{resource}}"}]}""";

    public static string? Suggestion(Finding finding) =>
        finding.Details.Entries.FirstOrDefault(e => e.Key == "suggestion").Value is TextDetail t ? t.Value : null;
}
