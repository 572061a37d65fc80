using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Rules.Conditions;

/// <summary>What conditions on keys Incident Manager never sends do to a statement, for IMA202 and IMA204.</summary>
internal enum UnsupportedEffect
{
    /// <summary>No clause on an unsupported key, or the statement reaches no Incident Manager action.</summary>
    None,

    /// <summary>A clause on an unsupported key is false when the key is absent: the statement never applies.</summary>
    NeverTrue,

    /// <summary>Every clause on unsupported keys is true when absent: the restriction restricts nothing.</summary>
    AlwaysTrue,
}

internal sealed record UnsupportedVerdict(UnsupportedEffect Effect, IReadOnlyList<ConditionClause> Clauses, IReadOnlyList<string> Actions);

internal static class UnsupportedConditions
{
    public static UnsupportedVerdict Judge(PolicyContext context, Statement statement)
    {
        var support = ConditionSupport.Default;
        var clauses = statement.Conditions.Where(c => support.StateOf(c.Key) == KeyState.Absent).ToList();
        if (clauses.Count == 0)
            return new(UnsupportedEffect.None, [], []);
        var actions = context.CoveredIncidentManager(statement.Actions).Select(a => a.FullName).ToList();
        if (actions.Count == 0)
            return new(UnsupportedEffect.None, [], []);
        var results = clauses.Select(c => ConditionEvaluator.Evaluate(c, support.Lookup, context.Document.VariablesEnabled)).ToList();
        var effect = results.Contains(Tristate.False) ? UnsupportedEffect.NeverTrue
            : results.All(r => r == Tristate.True) ? UnsupportedEffect.AlwaysTrue
            : UnsupportedEffect.None;
        var deciding = effect == UnsupportedEffect.NeverTrue ? clauses.Where((_, i) => results[i] == Tristate.False).ToList() : clauses;
        return new(effect, deciding, actions);
    }

    public static MapDetail Details(UnsupportedVerdict verdict) => Detail.Map(
        ("conditions", Detail.List(verdict.Clauses.Select(c => (Detail)Detail.Map(("operator", c.Operator.Text), ("key", c.Key), ("note", ConditionSupport.Default.NoteOf(c.Key) ?? ""))))),
        ("incidentManagerActions", Detail.List(verdict.Actions)),
        ("supportMatrix", ConditionSupport.Source));

    /// <summary>The fingerprint key: which way the conditions go, and on which keys.</summary>
    public static string Key(UnsupportedVerdict verdict) =>
        (verdict.Effect == UnsupportedEffect.AlwaysTrue ? "always:" : "never:") + string.Join(",", verdict.Clauses.Select(c => c.Operator.Text + " " + c.Key));

    public static string Describe(IReadOnlyList<ConditionClause> clauses) =>
        string.Join(", ", clauses.Select(c => $"`{c.Operator.Text} {MessageText.Inline(c.Key)}`"));
}
