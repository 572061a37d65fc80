using System.Collections.Immutable;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Policies;
using ImAudit.Engine.Rules.Conditions;

namespace ImAudit.Engine.Answers;

/// <summary>What a request gets wrong before any policy is read: warnings, and the keys AWS would never send with it.</summary>
internal sealed record RequestCheck(ImmutableArray<string> Warnings, ImmutableArray<string> UnsentKeys);

internal static class RequestChecks
{
    public static RequestCheck Check(IamCatalog catalog, RequestContext request)
    {
        var warnings = ImmutableArray.CreateBuilder<string>();
        var unsent = ImmutableArray.CreateBuilder<string>();
        var action = catalog.FindAction(request.Action);
        if (action is null)
        {
            var colon = request.Action.IndexOf(':', StringComparison.Ordinal);
            var known = colon > 0 && catalog.FindService(request.Action[..colon]) is not null;
            warnings.Add($"`{MessageText.Inline(request.Action)}` is not an action in the catalogue ({(known ? "its service has no such action" : "no such service")}): AWS authorizes no such request, whatever a policy's wildcard matches");
        }
        else if (Catalog.IncidentManager.IsService(action.Service))
        {
            foreach (var key in request.Values.Keys.Order(StringComparer.Ordinal))
            {
                if (ConditionSupport.Default.StateOf(key) != KeyState.Absent)
                    continue;
                unsent.Add(key);
                warnings.Add($"Incident Manager never sends `{MessageText.Inline(key)}` with `{action.FullName}` (no tag or service-specific condition keys): evaluated as absent, as AWS would");
            }
        }
        return new RequestCheck(warnings.ToImmutable(), unsent.ToImmutable());
    }
}
