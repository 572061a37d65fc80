using ImAudit.Engine.Catalog;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Access;

/// <summary>
/// What one policy document contributes over a scope: each action its Allow statements grant, with the resources,
/// and each unconditional Deny statement with the actions it covers.
/// </summary>
internal sealed record DocumentAccess(
    List<(ActionInfo Action, ResourceGrant Grant)> Allowed,
    List<(Statement Statement, List<ActionInfo> Covered)> Denied)
{
    public static DocumentAccess Of(AccessScope scope, PolicyDocument document) => new(
        AccessCalculator.AllowedBy(scope, document),
        [.. document.Statements.Where(s => s.Effect == Effect.Deny && !s.IsConditional)
            .Select(s => (s, scope.Covered(s.Actions)))]);
}
