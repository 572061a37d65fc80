using ImAudit.Engine.Findings;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;

using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.Conditions;

/// <summary>IMA205: an Allow with NotAction (or NotResource) whose complement takes in Incident Manager actions.</summary>
internal sealed class NotActionGrantsIncidentManagerRule : IPolicyRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.NotActionGrantsIncidentManager, "not-action-grants-incident-manager",
        "NotAction or NotResource grants Incident Manager access", Severity.Medium, "unsupported and ineffective denies",
        "an Allow with NotAction (or NotResource) whose complement includes Incident Manager actions, e.g. `\"NotAction\": \"iam:*\", \"Resource\": \"*\"`")
    {
        Remediation = "Replace `NotAction` (or `NotResource`) in the Allow with an explicit list of what is granted, or add `ssm-incidents:*` and `ssm-contacts:*` to the `NotAction` list when the principal should hold no Incident Manager access through it.",
    };

    public IEnumerable<Finding> Run(PolicyContext context)
    {
        foreach (var statement in context.Document.Statements.Where(s => s.Effect == Effect.Allow))
        {
            var notAction = statement.Actions.IsNot;
            var notResource = statement.Resources is { IsNot: true };
            if (!notAction && !notResource)
                continue;
            var granted = context.CoveredIncidentManager(statement.Actions).Select(a => a.FullName).ToList();
            if (granted.Count == 0)
                continue;
            var element = notAction ? "NotAction" : "NotResource";
            var at = notAction
                ? PolicyContext.ElementOf(statement.Actions.Entries[0].Location, statement.Actions.Entries.Length)
                : statement.Resources!.Entries.Length > 0 ? PolicyContext.ElementOf(statement.Resources.Entries[0].Location, statement.Resources.Entries.Length) : statement.Location;
            yield return context.Create(Descriptor, Severity.Medium,
                $"this Allow uses `{element}` and so grants {Count(granted.Count, "Incident Manager action")} ({string.Join(", ", granted.Take(3).Select(a => $"`{a}`"))}{(granted.Count > 3 ? ", …" : "")}) that it never names",
                statement, at, Detail.Map(("element", element), ("incidentManagerActions", Detail.List(granted))), element);
        }
    }
}
