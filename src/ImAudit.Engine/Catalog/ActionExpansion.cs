using ImAudit.Engine.Policies;
using ImAudit.Engine.Matching;
namespace ImAudit.Engine.Catalog;

/// <summary>Exact expansion of action patterns over the catalogue.</summary>
internal static class ActionExpansion
{
    /// <summary>Every catalogue action the pattern matches, sorted ordinally by full name.</summary>
    public static IReadOnlyList<ActionInfo> Expand(this IamCatalog catalog, ActionPattern pattern)
    {
        IEnumerable<ServiceInfo> services = pattern.ServiceHasWildcard
            ? catalog.Services.Where(s => pattern.MatchesService(s.Prefix))
            : catalog.FindService(pattern.Service) is { } one ? [one] : [];
        var result = new List<ActionInfo>();
        foreach (var service in services)
        {
            if (pattern.NameIsEverything)
                result.AddRange(service.Actions);
            else if (pattern.NameHasWildcard)
                result.AddRange(service.Actions.Where(a => pattern.Matches(service.Prefix, a.Name)));
            else if (service.FindAction(pattern.Name) is { } action)
                result.Add(action);
        }
        result.Sort((a, b) => string.CompareOrdinal(a.FullName, b.FullName));
        return result;
    }

    /// <summary>The actions of <paramref name="scope"/> an <c>Action</c> or <c>NotAction</c> element covers.</summary>
    internal static IEnumerable<ActionInfo> Covered(IEnumerable<ActionInfo> scope, Policies.ActionElement element) =>
        scope.Where(a => element.Entries.Any(e => e.Pattern.Matches(a.Service, a.Name)) != element.IsNot);
}
