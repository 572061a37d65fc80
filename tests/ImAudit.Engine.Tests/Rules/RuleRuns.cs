using ImAudit.Engine.Findings;

namespace ImAudit.Engine.Tests.Rules;

/// <summary>
/// What the rule harnesses ran while someone watches: each rule ID run and how many findings it yielded. The registry
/// meta-test watches each rule's test class to prove it has a case where the rule fires and one where it does not.
/// Nobody watching (every ordinary test run) records nothing.
/// </summary>
internal static class RuleRuns
{
    // Flow-scoped, not shared: xunit runs test classes in parallel, and each watcher sees only its own calls.
    private static readonly AsyncLocal<List<(string RuleId, int Findings)>?> Watching = new();

    public static IReadOnlyList<Finding> Record(string ruleId, IReadOnlyList<Finding> findings)
    {
        Watching.Value?.Add((ruleId, findings.Count));
        return findings;
    }

    public static IReadOnlyList<(string RuleId, int Findings)> Watch(Action run)
    {
        var runs = new List<(string RuleId, int Findings)>();
        Watching.Value = runs;
        try
        {
            run();
        }
        finally
        {
            Watching.Value = null;
        }
        return runs;
    }
}
