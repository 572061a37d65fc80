using ImAudit.Engine.Findings;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.Validity;

/// <summary>IMA102: a known service, but no action of it matches.</summary>
internal sealed class UnknownActionRule : IPolicyRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.UnknownAction, "unknown-action",
        "Action does not exist", Severity.Low, "namespaces and validity",
        "the service exists but no action of it matches; suggests the nearest real action; medium for Deny, low for Allow")
    {
        Remediation = "Replace the action with the real one the message suggests (check the spelling against the service authorization reference), or remove it: an Allow of it grants nothing, and a Deny of it denies nothing.",
    };

    public IEnumerable<Finding> Run(PolicyContext context) =>
        ActionEntries.With(context, ActionProblem.UnknownAction).Select(hit =>
        {
            var pattern = hit.Entry.Pattern;
            var hint = hit.Verdict.Suggestion is { } s ? $"; did you mean `{s}`?" : "";
            return ActionEntries.Report(context, Descriptor, Severity.Medium, Severity.Low,
                $"`{Inline(hit.Entry.Text)}` matches no {Inline(pattern.Service)} action ({ActionEntries.Consequence(hit.Statement)}){hint}", hit);
        });
}
