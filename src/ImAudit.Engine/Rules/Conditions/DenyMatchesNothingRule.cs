using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;
using ImAudit.Engine.Rules.Validity;

namespace ImAudit.Engine.Rules.Conditions;

/// <summary>
/// IMA203: a Deny meant for Incident Manager that denies no Incident Manager action at all, because every action
/// name is wrong (IMA101–IMA104) or every resource misses (IMA105). One finding per statement, naming the causes.
/// </summary>
internal sealed class DenyMatchesNothingRule : IPolicyRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.DenyMatchesNothing, "deny-matches-nothing",
        "Deny meant for Incident Manager denies nothing", Severity.High, "unsupported and ineffective denies",
        "a Deny whose Incident Manager part denies nothing because every action name is wrong (IMA101-IMA104) or every resource misses (IMA105)")
    {
        Remediation = "Correct the Deny's action names and resources (the IMA101 to IMA105 findings on the same statement say how) so that it matches the Incident Manager actions and resources it was written for: until then what it was meant to block is allowed.",
    };

    public IEnumerable<Finding> Run(PolicyContext context)
    {
        foreach (var statement in context.Document.Statements.Where(s => s.Effect == Effect.Deny && !s.Actions.IsNot))
        {
            var causes = new List<Detail>();
            var meant = false;
            var effective = false;
            foreach (var entry in statement.Actions.Entries)
            {
                var verdict = ActionClassifier.Classify(context, entry);
                var reached = context.Catalog.ExpandIncidentManager(entry.Pattern);
                if (verdict.Problem != ActionProblem.None && MeantForIncidentManager(entry, verdict))
                {
                    meant = true;
                    causes.Add(Detail.Map(("action", entry.Text), ("rule", RuleFor(verdict.Problem)), ("suggestion", verdict.Suggestion ?? "")));
                    continue;
                }
                if (reached.IsEmpty)
                    continue;
                meant = true;
                var fitting = statement.Resources is not { IsNot: false } resources
                    || reached.Any(a => resources.Entries.Any(r => context.Catalog.MayName(a, r.Pattern)));
                if (fitting)
                    effective = true;
                else
                    causes.Add(Detail.Map(("action", entry.Text), ("rule", RuleIds.ResourceTypeMismatch), ("suggestion", "")));
            }
            if (!meant || effective)
                continue;
            var summary = string.Join(", ", causes.Cast<MapDetail>().Select(c => $"`{((TextDetail)c.Entries[0].Value).Value}` ({((TextDetail)c.Entries[1].Value).Value})"));
            yield return context.Create(Descriptor, Severity.High,
                $"this Deny denies no Incident Manager action: {summary}", statement, statement.Location,
                Detail.Map(("causes", Detail.List(causes))), string.Join(",", statement.Actions.Entries.Select(e => e.Text)));
        }
    }

    private static bool MeantForIncidentManager(Policies.ActionEntry entry, ActionVerdict verdict) =>
        IncidentManager.IsService(entry.Pattern.Service)
        || verdict.Problem is ActionProblem.WrongNamespace or ActionProblem.IncidentActionUnderSsm
        || (verdict.Suggestion is { } s && (s.StartsWith(IncidentManager.Incidents + ":", StringComparison.Ordinal) || s.StartsWith(IncidentManager.Contacts + ":", StringComparison.Ordinal)));

    private static string RuleFor(ActionProblem problem) => problem switch
    {
        ActionProblem.WrongNamespace => RuleIds.WrongNamespace,
        ActionProblem.UnknownAction => RuleIds.UnknownAction,
        ActionProblem.UnknownService => RuleIds.UnknownServicePrefix,
        _ => RuleIds.IncidentActionUnderSsm,
    };
}
