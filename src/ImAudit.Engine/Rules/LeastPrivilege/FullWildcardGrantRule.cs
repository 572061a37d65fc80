using ImAudit.Engine.Findings;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Rules.LeastPrivilege;

/// <summary>IMA303: an Allow of <c>*</c>, <c>*:*</c>, <c>ssm-incidents:*</c> or <c>ssm-contacts:*</c>.</summary>
internal sealed class FullWildcardGrantRule : IPolicyRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.FullWildcardGrant, "full-wildcard-grant",
        "Statement allows every action of Incident Manager or of AWS", Severity.Medium, "least privilege",
        "an Allow of `*`, `*:*`, `ssm-incidents:*` or `ssm-contacts:*`; details give the expansion size")
    {
        Remediation = "Replace the wildcard with the actions the principal needs (for a responder, start from `AWSIncidentManagerResolverAccess`) and scope `Resource` to the response plans and contacts it works with.",
    };

    public IEnumerable<Finding> Run(PolicyContext context)
    {
        foreach (var statement in context.Document.Statements.Where(s => s.Effect == Effect.Allow && !s.Actions.IsNot))
        {
            foreach (var entry in statement.Actions.Entries.Where(IsFullWildcard))
            {
                var actions = context.Catalog.ExpandCached(entry.Pattern);
                var incident = context.Catalog.ExpandIncidentManager(entry.Pattern).Length;
                var scope = entry.Pattern.IsEverything
                    ? $"every action of every AWS service ({actions.Length:N0} today, {incident} of them Incident Manager's"
                    : $"every {entry.Pattern.Service} action ({actions.Length} today";
                yield return context.Create(Descriptor, Severity.Medium,
                    $"`{entry.Text}` allows {scope}, and every one AWS adds); list the actions needed",
                    statement, entry.Location, Detail.Map(("expansionSize", actions.Length), ("incidentManagerActions", incident)), entry.Text);
            }
        }
    }

    private static bool IsFullWildcard(ActionEntry entry) =>
        entry.Pattern.IsEverything
        || (entry.Pattern.NameIsEverything && !entry.Pattern.ServiceHasWildcard && Catalog.IncidentManager.IsService(entry.Pattern.Service));
}
