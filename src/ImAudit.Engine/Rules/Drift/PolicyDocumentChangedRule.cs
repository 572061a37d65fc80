using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Policies;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.Drift;

/// <summary>IMA602: a customer managed or inline policy that grants or denies Incident Manager access changed since the previous run.</summary>
internal sealed class PolicyDocumentChangedRule : IDriftRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.PolicyDocumentChanged, "policy-document-changed",
        "Policy granting or denying Incident Manager access changed", Severity.High, "drift",
        "a customer managed or inline policy that grants or denies Incident Manager access changed since the previous run; high when it adds write or permissions access, medium for other additions, low otherwise")
    {
        Remediation = "Check that the change was intended (CloudTrail `CreatePolicyVersion`, `PutRolePolicy`, `PutUserPolicy`, `PutGroupPolicy` say who made it) and revert it if not; an intended change is the baseline of the next run.",
    };

    public IEnumerable<Finding> Run(DriftContext context)
    {
        var before = Documents(context.Previous.Inventory).DistinctBy(d => d.Name).ToDictionary(d => d.Name, StringComparer.Ordinal);
        foreach (var (name, resource, text) in Documents(context.Current.Inventory))
        {
            if (!before.TryGetValue(name, out var old) || DriftContext.Canonical(old.Text) == DriftContext.Canonical(text))
                continue;
            var previous = context.Current.Documents.Parse(old.Text, PolicyKind.Identity, name + "#previous");
            var current = context.Current.Documents.Parse(text, PolicyKind.Identity, name);
            if (!NamesIncidentManager(context, previous) && !NamesIncidentManager(context, current))
                continue;
            var (added, removed) = DriftContext.Change(context.AccessOf(previous), context.AccessOf(current));
            var severity = added.Count == 0 ? Severity.Low : DriftContext.Widest(added, Severity.Low) == Severity.High ? Severity.High : Severity.Medium;
            var change = DriftContext.Describe(added, removed, "its Incident Manager access is unchanged");
            yield return Descriptor.Finding(severity, $"`{Inline(name)}` changed since the previous run: {change}", resource, new FindingLocation(name),
                Detail.Map(("added", Detail.List(added.Select(a => a.Action.FullName))), ("removed", Detail.List(removed.Select(a => a.Action.FullName)))),
                Findings.Finding.ListKey([DriftContext.Canonical(text)]));
        }
    }

    // A statement of either effect that names an Incident Manager action (a deny matters as much as an allow).
    private static bool NamesIncidentManager(DriftContext context, PolicyDocument document) =>
        document.Statements.Any(s => context.Current.Catalog.IncidentManagerActions.Any(a => Evaluation.StatementMatcher.MatchesAction(s.Actions, a.FullName)));

    // Customer managed policies by ARN (their default version), inline policies by owner and name.
    private static IEnumerable<(string Name, string Resource, string Text)> Documents(AccountInventory inventory) =>
        AccountDocument.All(inventory).Where(d => d.Kind == PolicyKind.Identity).Select(d => (d.Name, d.Resource, d.Text));
}
