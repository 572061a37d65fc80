using System.Runtime.CompilerServices;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Access;

/// <summary>
/// What each policy document allows over a scope, remembered for the length of one audit: an account attaches
/// the same managed policies to thousands of principals. Owned by the audit's context, never shared globally.
/// </summary>
internal sealed class AccessMemo
{
    private readonly ConditionalWeakTable<PolicyDocument, Dictionary<string, List<(ActionInfo Action, ResourceGrant Grant)>>> _byDocument = [];

    public List<(ActionInfo Action, ResourceGrant Grant)> AllowedBy(List<ActionInfo> scope, PolicyDocument document)
    {
        var key = string.Join(",", scope.Select(a => a.Service).Distinct()) + "#" + scope.Count;
        var perScope = _byDocument.GetValue(document, _ => []);
        lock (perScope)
        {
            if (!perScope.TryGetValue(key, out var grants))
                perScope[key] = grants = AccessCalculator.AllowedBy(scope, document);
            return grants;
        }
    }
}
