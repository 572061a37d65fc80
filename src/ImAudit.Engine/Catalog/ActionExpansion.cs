using System.Collections.Immutable;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Catalog;

/// <summary>Exact expansion of action patterns over the catalogue.</summary>
internal static class ActionExpansion
{
    /// <summary>Every catalogue action the pattern matches, sorted ordinally by full name.</summary>
    public static ImmutableArray<ActionInfo> Expand(this IamCatalog catalog, ActionPattern pattern)
    {
        List<ServiceInfo> services = pattern.ServiceHasWildcard
            ? [.. catalog.Services.Where(s => pattern.MatchesService(s.Prefix))]
            : catalog.FindService(pattern.Service) is { } one ? [one] : [];
        // Sized exactly when every action of the services is in (`*:*` is all 17,000): no copy on the way out.
        var result = ImmutableArray.CreateBuilder<ActionInfo>(pattern.NameIsEverything ? services.Sum(s => s.Actions.Length) : 8);
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
        return result.Count == result.Capacity ? result.MoveToImmutable() : result.ToImmutable();
    }

    /// <summary>The actions of <paramref name="scope"/> an <c>Action</c> or <c>NotAction</c> element covers.</summary>
    internal static IEnumerable<ActionInfo> Covered(IEnumerable<ActionInfo> scope, Policies.ActionElement element) =>
        scope.Where(a => element.Entries.Any(e => e.Pattern.Matches(a.Service, a.Name)) != element.IsNot);
}
