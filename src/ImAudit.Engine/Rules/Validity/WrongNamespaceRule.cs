using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.Validity;

/// <summary>IMA101: an <c>ssm-incidents</c> action written under <c>ssm-contacts</c>, or the reverse.</summary>
internal sealed class WrongNamespaceRule : IPolicyRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.WrongNamespace, "wrong-namespace",
        "Action is in the wrong Incident Manager namespace", Severity.Medium, "namespaces and validity",
        "an ssm-incidents action written under ssm-contacts or the reverse; high for Deny, medium for Allow")
    {
        Remediation = "Write the action under the namespace it belongs to: response plans, incidents, replication sets and timeline events are `ssm-incidents` actions; contacts, engagements, pages, rotations and escalation plans are `ssm-contacts` actions. The message names the action meant.",
    };

    public IEnumerable<Finding> Run(PolicyContext context) =>
        ActionEntries.With(context, ActionProblem.WrongNamespace).Select(hit =>
        {
            var right = hit.Verdict.Suggestion!;
            var service = right[..right.IndexOf(':', StringComparison.Ordinal)];
            var what = hit.Entry.Pattern.NameHasWildcard ? $"matches no {hit.Entry.Pattern.Service} action but matches {service} actions" : $"is an {service} action";
            return ActionEntries.Report(context, Descriptor, Severity.High, Severity.Medium,
                $"`{Inline(hit.Entry.Text)}` {what}; use `{right}` ({ActionEntries.Consequence(hit.Statement)})", hit);
        });
}
