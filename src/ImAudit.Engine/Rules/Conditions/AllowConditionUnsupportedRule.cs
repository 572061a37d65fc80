using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;

using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.Conditions;

/// <summary>
/// IMA204: an Allow of Incident Manager actions conditioned on keys Incident Manager never sends. Always true:
/// the restriction is not enforced and access is wider than written (high). Never true: the grant does nothing (low).
/// </summary>
internal sealed class AllowConditionUnsupportedRule : IPolicyRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.AllowConditionUnsupported, "allow-condition-unsupported",
        "Allow condition uses keys Incident Manager never sends", Severity.High, "unsupported and ineffective denies",
        "an Allow of Incident Manager actions is conditioned on tag or service keys Incident Manager never sends: always true, access wider than written (high), or never true, the grant does nothing (low)")
    {
        Remediation = "Scope the Allow by action and resource ARN instead of tag or service condition keys Incident Manager never sends: a condition that is always true grants more than written; one that is never true makes the statement useless, so remove it or fix the condition.",
    };

    public IEnumerable<Finding> Run(PolicyContext context)
    {
        foreach (var statement in context.Document.Statements.Where(s => s.Effect == Effect.Allow))
        {
            var verdict = UnsupportedConditions.Judge(context, statement);
            if (verdict.Effect == UnsupportedEffect.None)
                continue;
            var always = verdict.Effect == UnsupportedEffect.AlwaysTrue;
            var count = $"{Count(verdict.Actions.Count, "Incident Manager action")}";
            var message = always
                ? $"{UnsupportedConditions.Describe(verdict.Clauses)} is true for every Incident Manager request (the key is never sent), so this Allow grants {count} on every resource the statement names, whatever the condition says"
                : $"{UnsupportedConditions.Describe(verdict.Clauses)} is false for every Incident Manager request (the key is never sent), so this Allow grants nothing for {count}";
            yield return context.Create(Descriptor, always ? Severity.High : Severity.Low, message, statement,
                verdict.Clauses[0].Location, UnsupportedConditions.Details(verdict),
                UnsupportedConditions.Key(verdict));
        }
    }
}
