using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Evaluation;

/// <summary>
/// Evaluates condition clauses with IAM's rules, three-valued. When the key is absent from the request every
/// operator is false except <c>...IfExists</c> (true), <c>Null: true</c> (true), <c>ForAllValues:</c> (true) and
/// the negated operators (<c>StringNotEquals</c>, <c>ArnNotLike</c>, <c>NotIpAddress</c>, …), which are true: the
/// values do not match, and "not match" is what they ask.
/// </summary>
internal static class ConditionEvaluator
{
    public static Tristate EvaluateAll(IEnumerable<ConditionClause> clauses, ContextLookup context, bool variablesEnabled) =>
        TristateLogic.All(clauses, c => Evaluate(c, context, variablesEnabled));

    public static Tristate Evaluate(ConditionClause clause, ContextLookup context, bool variablesEnabled)
    {
        var op = clause.Operator;
        var values = context(clause.Key);
        if (values is null)
            return Tristate.Unknown;
        var absent = values.Count == 0;
        if (op.Family == ConditionFamily.Null)
            return TristateLogic.From(clause.Values.Any(v => v.Equals("true", StringComparison.OrdinalIgnoreCase) == absent));
        if (absent)
        {
            if (op.IfExists || op.Qualifier == SetQualifier.ForAllValues)
                return Tristate.True;
            if (op.Qualifier == SetQualifier.ForAnyValue)
                return Tristate.False;
            return TristateLogic.From(op.Negated);
        }
        Tristate PerValue(string requestValue)
        {
            var positive = TristateLogic.Any(clause.Values, v => ValueMatchers.Match(op, requestValue, v, context, variablesEnabled));
            return op.Negated ? positive.Not() : positive;
        }
        return op.Qualifier switch
        {
            SetQualifier.ForAllValues => TristateLogic.All(values, PerValue),
            SetQualifier.ForAnyValue => TristateLogic.Any(values, PerValue),
            // Without a qualifier a multi-valued key matches when any value does; a negated operator then
            // holds only when no value matches.
            _ when op.Negated => TristateLogic.All(values, PerValue),
            _ => TristateLogic.Any(values, PerValue),
        };
    }
}
