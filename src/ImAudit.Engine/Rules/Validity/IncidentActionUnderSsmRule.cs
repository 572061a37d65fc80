using ImAudit.Engine.Findings;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.Validity;

/// <summary>IMA104: <c>ssm:StartIncident</c> — Incident Manager actions never use the <c>ssm</c> prefix.</summary>
internal sealed class IncidentActionUnderSsmRule : IPolicyRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.IncidentActionUnderSsm, "incident-action-under-ssm",
        "Incident Manager action written under the ssm prefix", Severity.Medium, "namespaces and validity",
        "`ssm:<Name>` where Name is an ssm-incidents or ssm-contacts action; `ssm:*` does not cover them either; high for Deny, medium for Allow")
    {
        Remediation = "Write Incident Manager actions under their own prefixes, `ssm-incidents:` and `ssm-contacts:`: no `ssm:` action, `ssm:*` included, covers them. Fix a Deny first: today it does not apply to the action it names.",
    };

    public IEnumerable<Finding> Run(PolicyContext context) =>
        ActionEntries.With(context, ActionProblem.IncidentActionUnderSsm).Select(hit =>
            ActionEntries.Report(context, Descriptor, Severity.High, Severity.Medium,
                $"`{Inline(hit.Entry.Text)}` is not an ssm action: Incident Manager actions never use the `ssm` prefix; use `{hit.Verdict.Suggestion}` ({ActionEntries.Consequence(hit.Statement)})", hit));
}
