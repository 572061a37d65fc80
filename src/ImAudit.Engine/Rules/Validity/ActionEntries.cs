using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Rules.Validity;

/// <summary>The action entries of a policy that have one kind of problem, for the IMA101–IMA104 rules.</summary>
internal static class ActionEntries
{
    public static IEnumerable<(Statement Statement, ActionEntry Entry, ActionVerdict Verdict)> With(PolicyContext context, ActionProblem problem) =>
        from statement in context.Document.Statements
        from entry in statement.Actions.Entries
        let verdict = ActionClassifier.Classify(context, entry)
        where verdict.Problem == problem
        select (statement, entry, verdict);

    /// <summary>What the mistake does to the statement, for the end of a message.</summary>
    public static string Consequence(Statement statement) => (statement.Effect, statement.Actions.IsNot) switch
    {
        (_, true) => "so `NotAction` excludes nothing for it",
        (Effect.Deny, _) => "so this Deny denies nothing for it",
        _ => "so this Allow grants nothing for it",
    };

    public static Finding Report(PolicyContext context, RuleDescriptor rule, Severity deny, Severity allow, string message,
        (Statement Statement, ActionEntry Entry, ActionVerdict Verdict) hit)
    {
        var details = hit.Verdict.Suggestion is { } suggestion ? Detail.Map(("suggestion", suggestion)) : Finding.NoDetails;
        return context.Create(rule, RuleRegistry.ByEffect(hit.Statement.Effect, deny, allow), message, hit.Statement, hit.Entry.Location, details, hit.Entry.Text);
    }
}
