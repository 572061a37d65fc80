using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;

using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.Sharing;

/// <summary>IMA403: a response-plan or contact policy grants actions beyond what AWS RAM shares for that resource type.</summary>
internal sealed class ActionNotShareableRule : IPolicyRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.ActionNotShareable, "action-not-shareable",
        "Resource policy grants actions RAM does not share", Severity.Medium, "resource policies",
        "a response-plan or contact resource policy grants actions beyond the ones AWS RAM shares for that resource type")
    {
        Remediation = "Remove the actions AWS RAM does not share for this resource type (the message lists them), so that the policy grants exactly what the share is meant to give.",
    };

    public IEnumerable<Finding> Run(PolicyContext context)
    {
        if (context.Document.Kind != PolicyKind.Resource)
            yield break;
        var resource = SharedResource.From(context.ProtectedResourceArn);
        foreach (var statement in context.Document.Statements.Where(s => s.Effect == Effect.Allow))
        {
            foreach (var (type, service, _) in IncidentManager.Shareable)
            {
                if (resource is not null && resource.Type != type)
                    continue;
                var actions = ActionExpansion.Covered(context.Catalog.FindService(service)!.Actions, statement.Actions).ToList();
                var shareable = SharedResource.ShareableFor(type)!;
                var extra = actions.Where(a => !shareable.Contains(a.FullName)).Select(a => a.FullName).ToList();
                if (actions.Count == 0 || extra.Count == 0)
                    continue;
                yield return context.Create(Descriptor, Severity.Medium,
                    $"{statement.Label} grants {Count(extra.Count, "action")} AWS RAM does not share for a {type} ({string.Join(", ", extra.Take(3).Select(a => $"`{a}`"))}{(extra.Count > 3 ? ", …" : "")})",
                    statement, statement.Location, Detail.Map(("resourceType", type), ("actions", Detail.List(extra))), type + ":" + string.Join(",", extra));
            }
        }
    }
}
