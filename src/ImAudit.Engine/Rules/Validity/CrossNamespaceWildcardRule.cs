using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Matching;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.Validity;

/// <summary>IMA106: a wildcard in or across the service prefix that reaches Incident Manager actions.</summary>
internal sealed class CrossNamespaceWildcardRule : IPolicyRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.CrossNamespaceWildcard, "cross-namespace-wildcard",
        "Service-prefix wildcard reaches Incident Manager", Severity.Low, "namespaces and validity",
        "a wildcard in the service prefix (`ssm*:*`, `*:Get*`) matches ssm-incidents or ssm-contacts actions; low for Allow, info for Deny")
    {
        Remediation = "Name the services explicitly (`ssm:Get*` and, only where meant, `ssm-incidents:Get*` or `ssm-contacts:Get*`) instead of a wildcard in the service prefix, so that the statement grants or denies exactly the Incident Manager actions intended.",
    };

    public IEnumerable<Finding> Run(PolicyContext context)
    {
        foreach (var statement in context.Document.Statements)
        {
            foreach (var entry in statement.Actions.Entries.Where(e => e.Pattern.ServiceHasWildcard && !e.Pattern.IsEverything))
            {
                var actions = context.Catalog.ExpandCached(entry.Pattern);
                var reached = actions.Count(a => IncidentManager.IsService(a.Service));
                if (reached == 0)
                    continue;
                var byService = actions.GroupBy(a => a.Service).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => Detail.Map(("service", g.Key), ("actions", g.Count())));
                var details = Detail.Map(("incidentManagerActions", reached), ("totalActions", actions.Length), ("expansion", Detail.List(byService)));
                yield return context.Create(Descriptor, RuleRegistry.ByEffect(statement.Effect, Severity.Info, Severity.Low),
                    $"`{Inline(entry.Text)}` reaches {Count(reached, "Incident Manager action")} among {actions.Length} across {actions.Select(a => a.Service).Distinct().Count()} services; name the services you mean",
                    statement, entry.Location, details, entry.Text);
            }
        }
    }
}
