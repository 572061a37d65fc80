using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using static ImAudit.Engine.Policies.MessageText;

namespace ImAudit.Engine.Rules.LeastPrivilege;

/// <summary>IMA301: a principal's effective Incident Manager access is not a subset of its baseline.</summary>
internal sealed class ExceedsBaselineRule : IAccountRule
{
    private static readonly HashSet<string> Destructive = new(StringComparer.Ordinal)
    {
        "UpdateDeletionProtection", "CreateResponsePlan", "UpdateResponsePlan", "UpdateReplicationSet",
    };

    public RuleDescriptor Descriptor { get; } = new(RuleIds.ExceedsBaseline, "exceeds-baseline",
        "Incident Manager access exceeds the baseline", Severity.Medium, "least privilege",
        "effective Incident Manager access is not a subset of the principal's baseline (AWS managed policy); high for permissions management or destructive writes, medium for other writes and tagging, low for read and list");

    public IEnumerable<Finding> Run(AccountContext context)
    {
        foreach (var principal in context.Principals.Where(p => p.Excess is { IsSubset: false }))
        {
            var excess = principal.Excess!.Excess;
            var severity = excess.Max(e => SeverityOf(e.Action));
            var levels = excess.GroupBy(e => e.Action.AccessLevel).OrderByDescending(g => g.Key).Select(g => Detail.Map(
                ("accessLevel", g.Key.Display()),
                ("actions", Detail.List(g.Select(e => (Detail)Detail.Map(
                    ("action", e.Action.FullName),
                    ("resources", Detail.List(e.Grants.Select(x => x.Display))),
                    ("grantedBy", Detail.List(e.Grants.SelectMany(x => x.Sources).Select(s => s.Policy).Distinct()))))))));
            var top = excess.OrderByDescending(e => e.Action.AccessLevel).ThenBy(e => e.Action.FullName, StringComparer.Ordinal).Take(3).Select(e => $"`{e.Action.FullName}`");
            yield return Descriptor.Finding(severity,
                $"`{Inline(principal.Principal.Name)}` can do {Count(excess.Length, "Incident Manager action")} beyond {principal.Baseline.Name}: {string.Join(", ", top)}{(excess.Length > 3 ? ", …" : "")}",
                principal.Principal.Arn, null,
                Detail.Map(("baseline", principal.Baseline.Name), ("excess", Detail.List(levels))),
                string.Join(",", excess.Select(e => e.Action.FullName)));
        }
    }

    internal static Severity SeverityOf(ActionInfo action) => action.AccessLevel switch
    {
        AccessLevel.PermissionsManagement => Severity.High,
        AccessLevel.Write when action.Name.StartsWith("Delete", StringComparison.Ordinal) || Destructive.Contains(action.Name) => Severity.High,
        AccessLevel.Write or AccessLevel.Tagging => Severity.Medium,
        _ => Severity.Low,
    };
}
