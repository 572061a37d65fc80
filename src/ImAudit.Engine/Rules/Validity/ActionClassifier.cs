using ImAudit.Engine.Catalog;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Rules.Validity;

internal enum ActionProblem
{
    None,
    WrongNamespace,
    UnknownAction,
    UnknownService,
    IncidentActionUnderSsm,
}

internal sealed record ActionVerdict(ActionProblem Problem, string? Suggestion);

/// <summary>
/// Why an action entry names no real action, decided once for IMA101–IMA104: the other Incident Manager
/// namespace (IMA101), an unknown action of a known service (IMA102), an unknown service (IMA103), or an
/// Incident Manager action written under <c>ssm:</c> (IMA104).
/// </summary>
internal static class ActionClassifier
{
    private static readonly ActionVerdict Fine = new(ActionProblem.None, null);

    // Verdicts depend on the catalogue and the pattern alone; accounts repeat a few hundred patterns, and five rules
    // ask about each: the audit's memo keeps them.
    public static ActionVerdict Classify(PolicyContext context, ActionEntry entry) =>
        context.Memo.Verdict(entry.Pattern.Text, static (_, state) => Judge(state.Catalog, state.Pattern), (context.Catalog, entry.Pattern));

    private static ActionVerdict Judge(IamCatalog catalog, ActionPattern pattern)
    {
        if (pattern.ServiceHasWildcard)
        {
            if (!catalog.Services.Any(s => pattern.MatchesService(s.Prefix)))
                return new(ActionProblem.UnknownService, null);
            return catalog.ExpandCached(pattern).Length > 0 ? Fine : new(ActionProblem.UnknownAction, null);
        }
        var service = catalog.FindService(pattern.Service);
        var literalName = !pattern.NameHasWildcard;
        if (service is null)
            return new(ActionProblem.UnknownService, Suggestions.NearestPrefix(catalog, pattern.Service, pattern.Name, literalName));
        if (catalog.ExpandCached(pattern).Length > 0)
            return Fine;
        if (IncidentManager.IsService(service.Prefix))
        {
            var sibling = service.Prefix == IncidentManager.Incidents ? IncidentManager.Contacts : IncidentManager.Incidents;
            if (InService(catalog, sibling, pattern) is { } found)
                return new(ActionProblem.WrongNamespace, found);
        }
        if (service.Prefix == "ssm")
        {
            foreach (var target in new[] { IncidentManager.Incidents, IncidentManager.Contacts })
            {
                if (InService(catalog, target, pattern) is { } found)
                    return new(ActionProblem.IncidentActionUnderSsm, found);
            }
        }
        return new(ActionProblem.UnknownAction, literalName ? Suggestions.NearestAction(service, pattern.Name) : null);
    }

    // The same name (or wildcard) under another service: the action in catalogue casing, or the rewritten pattern.
    private static string? InService(IamCatalog catalog, string service, ActionPattern pattern)
    {
        var moved = ActionPattern.TryParse($"{service}:{pattern.Name}", out _);
        if (moved is null)
            return null;
        var matches = catalog.ExpandCached(moved);
        return matches.Length switch
        {
            0 => null,
            1 when !pattern.NameHasWildcard => matches[0].FullName,
            _ => moved.Text,
        };
    }
}
