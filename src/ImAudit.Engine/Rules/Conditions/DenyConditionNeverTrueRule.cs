using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;

using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.Conditions;

/// <summary>
/// IMA202: a Deny of Incident Manager actions conditioned on keys Incident Manager never sends. False when the
/// key is absent: the deny never applies (high). True when absent (<c>…IfExists</c>, <c>Null: true</c>, negated
/// operators): the deny is broader than written (medium, reported as <c>deny-condition-always-true</c>).
/// </summary>
internal sealed class DenyConditionNeverTrueRule : IPolicyRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.DenyConditionNeverTrue, "deny-condition-never-true",
        "Deny condition uses keys Incident Manager never sends", Severity.High, "unsupported and ineffective denies",
        "a Deny of Incident Manager actions is conditioned on tag or service keys Incident Manager never sends: never true (high) or always true (medium, deny-condition-always-true)")
    {
        Remediation = "Condition the Deny on keys every Incident Manager request carries (global keys such as `aws:PrincipalArn`, `aws:PrincipalTag/KEY` or `aws:PrincipalOrgID`) or drop the condition and scope the Deny by action and resource; when the condition is always true, check the Deny does not block more than intended.",
    };

    public IEnumerable<Finding> Run(PolicyContext context)
    {
        foreach (var statement in context.Document.Statements.Where(s => s.Effect == Effect.Deny))
        {
            var verdict = UnsupportedConditions.Judge(context, statement);
            if (verdict.Effect == UnsupportedEffect.None)
                continue;
            var never = verdict.Effect == UnsupportedEffect.NeverTrue;
            var details = UnsupportedConditions.Details(verdict);
            details = details with { Entries = details.Entries.Insert(0, new("variant", never ? "deny-condition-never-true" : "deny-condition-always-true")) };
            var message = never
                ? $"{UnsupportedConditions.Describe(verdict.Clauses)} is false for every Incident Manager request (the key is never sent), so this Deny never denies {Count(verdict.Actions.Count, "Incident Manager action")}"
                : $"{UnsupportedConditions.Describe(verdict.Clauses)} is true for every Incident Manager request (the key is never sent), so this Deny applies to every resource, not only the ones the condition describes";
            yield return context.Create(Descriptor, never ? Severity.High : Severity.Medium, message, statement,
                verdict.Clauses[0].Location, details, UnsupportedConditions.Key(verdict));
        }
    }
}
