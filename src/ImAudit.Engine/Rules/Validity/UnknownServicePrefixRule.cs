using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.Validity;

/// <summary>IMA103: the prefix is no AWS service at all.</summary>
internal sealed class UnknownServicePrefixRule : IPolicyRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.UnknownServicePrefix, "unknown-service-prefix",
        "Service prefix does not exist", Severity.Low, "namespaces and validity",
        "the prefix is no AWS service (e.g. `ssm-incident`, `incident-manager`); suggests the nearest; medium for Deny, low for Allow, info for a retired service")
    {
        Remediation = "Correct the service prefix to `ssm-incidents` or `ssm-contacts` (or the service the message suggests); remove the actions of a retired service.",
    };

    // A retired service is reported once per document and prefix, at its first entry, with the count of entries:
    // AWS's own ReadOnlyAccess names thousands of them, and one line each is noise.
    public IEnumerable<Finding> Run(PolicyContext context)
    {
        var hits = ActionEntries.With(context, ActionProblem.UnknownService).ToList();
        var retiredCounts = hits.Where(h => Suggestions.RetiredService(h.Entry.Pattern.Service) is not null)
            .GroupBy(h => h.Entry.Pattern.Service, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.First(), g => g.Count());
        foreach (var hit in hits)
        {
            if (Suggestions.RetiredService(hit.Entry.Pattern.Service) is { } retired)
            {
                if (!retiredCounts.TryGetValue(hit, out var count))
                    continue;
                var others = count > 1 ? $"; {count} action entries of this document name it" : "";
                yield return ActionEntries.Report(context, Descriptor, Severity.Info, Severity.Info,
                    $"`{Inline(hit.Entry.Pattern.Service)}` is the prefix of {retired}, a retired AWS service ({ActionEntries.Consequence(hit.Statement)}){others}", hit);
                continue;
            }
            var hint = hit.Verdict.Suggestion is { } s ? $"; did you mean `{s}`?" : "";
            yield return ActionEntries.Report(context, Descriptor, Severity.Medium, Severity.Low,
                $"`{Inline(hit.Entry.Pattern.Service)}` is not an AWS service prefix ({ActionEntries.Consequence(hit.Statement)}){hint}", hit);
        }
    }
}
