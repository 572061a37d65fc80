using ImAudit.Engine.Findings;
using static ImAudit.Engine.Policies.MessageText;

namespace ImAudit.Engine.Rules.Validity;

/// <summary>IMA103: the prefix is no AWS service at all.</summary>
internal sealed class UnknownServicePrefixRule : IPolicyRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.UnknownServicePrefix, "unknown-service-prefix",
        "Service prefix does not exist", Severity.Low, "namespaces and validity",
        "the prefix is no AWS service (e.g. `ssm-incident`, `incident-manager`); suggests the nearest; medium for Deny, low for Allow, info for a retired service");

    public IEnumerable<Finding> Run(PolicyContext context) =>
        ActionEntries.With(context, ActionProblem.UnknownService).Select(hit =>
        {
            if (Suggestions.RetiredService(hit.Entry.Pattern.Service) is { } retired)
            {
                return ActionEntries.Report(context, Descriptor, Severity.Info, Severity.Info,
                    $"`{Inline(hit.Entry.Pattern.Service)}` is the prefix of {retired}, a retired AWS service ({ActionEntries.Consequence(hit.Statement)})", hit);
            }
            var hint = hit.Verdict.Suggestion is { } s ? $"; did you mean `{s}`?" : "";
            return ActionEntries.Report(context, Descriptor, Severity.Medium, Severity.Low,
                $"`{Inline(hit.Entry.Pattern.Service)}` is not an AWS service prefix ({ActionEntries.Consequence(hit.Statement)}){hint}", hit);
        });
}
