using System.Collections.Immutable;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Evaluation;

namespace ImAudit.Engine.Rules.CrossAccount;

/// <summary>
/// One action a principal of another account can take on a shared resource: the request evaluated
/// (<see cref="Target"/>: the resource itself, or one of its incident records, engagements or pages), whether the
/// answer depends on conditions, and the Allow statements of each half that let it through.
/// </summary>
internal sealed record ReachedAction(ActionInfo Action, string Target, bool Conditional, ImmutableArray<MatchedStatement> Identity, ImmutableArray<MatchedStatement> Resource);

/// <summary>
/// A principal of account <see cref="PrincipalAccount"/> that can act on a response plan or contact of account
/// <see cref="ResourceAccount"/> because both its identity policies (within its boundary) and the resource policy
/// <see cref="PolicyName"/> allow it.
/// </summary>
internal sealed record CrossAccountReach(
    PrincipalAccess Principal,
    string PrincipalAccount,
    string ResourceArn,
    string ResourceType,
    string ResourceAccount,
    string PolicyName,
    ImmutableArray<ReachedAction> Actions)
{
    /// <summary>Every reached action is conditional: the reach holds only when unknown conditions do.</summary>
    public bool Conditional => Actions.All(a => a.Conditional);

    /// <summary>Write, Permissions management or Tagging among the actions.</summary>
    public bool Writes => Actions.Any(a => a.Action.AccessLevel is AccessLevel.Write or AccessLevel.PermissionsManagement or AccessLevel.Tagging);
}
