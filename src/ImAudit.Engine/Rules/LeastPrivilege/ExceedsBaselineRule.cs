using System.Collections.Frozen;
using System.Collections.Immutable;
using ImAudit.Engine.Access;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.LeastPrivilege;

/// <summary>IMA301: a principal's effective Incident Manager access is not a subset of its baseline.</summary>
internal sealed class ExceedsBaselineRule : IAccountRule
{
    private static readonly FrozenSet<string> Destructive = FrozenSet.Create(StringComparer.Ordinal,
        "UpdateDeletionProtection", "CreateResponsePlan", "UpdateResponsePlan", "UpdateReplicationSet");

    public RuleDescriptor Descriptor { get; } = new(RuleIds.ExceedsBaseline, "exceeds-baseline",
        "Incident Manager access exceeds the baseline", Severity.Medium, "least privilege",
        "effective Incident Manager access is not a subset of the principal's baseline (AWS managed policy); high for permissions management or destructive writes, medium for other writes and tagging, low for read and list")
    {
        Remediation = "Remove the excess actions from the granting policy and statement (named under where), or grant the baseline managed policy instead of a custom grant. If the principal needs the access, map it to a wider baseline in the baseline configuration file, or suppress the finding with a reason and an expiry date.",
    };

    public IEnumerable<Finding> Run(AccountContext context)
    {
        // Where excess comes from (resources, granting policies) is worked out once per grant array: the audit
        // normalises each list of grants once, so principals holding the same documents exceed on the same arrays
        // (keyed by identity: a miss only builds an equal source).
        var sources = new Dictionary<ImmutableArray<ResourceGrant>, Source>();
        Source SourceOf(ImmutableArray<ResourceGrant> grants)
        {
            if (sources.TryGetValue(grants, out var source))
                return source;
            var resources = grants.Select(x => x.Display).ToList();
            var policies = grants.SelectMany(x => x.Sources).Select(s => s.Policy).Distinct().ToList();
            return sources[grants] = new Source(string.Join("\n", resources) + "\n\n" + string.Join("\n", policies), Detail.List(resources), Detail.List(policies),
                grants.SelectMany(x => x.Sources).FirstOrDefault());
        }
        var names = new Dictionary<ActionInfo, Detail>();
        Detail NameOf(ActionInfo action) => names.TryGetValue(action, out var name) ? name : names[action] = action.FullName;
        foreach (var principal in context.Principals.Where(p => p.Excess is { IsSubset: false }))
        {
            var excess = principal.Excess!.Excess;
            var severity = excess.Max(e => SeverityOf(e.Action));
            // Excess actions come in full-name order, so each group's first action is its smallest.
            var groups = new List<(AccessLevel Level, Source Source, List<Detail> Actions)>();
            foreach (var e in excess)
            {
                var source = SourceOf(e.Grants);
                var group = groups.Count - 1;
                while (group >= 0 && (groups[group].Level != e.Action.AccessLevel || groups[group].Source.Key != source.Key))
                    group--;
                if (group < 0)
                    groups.Add((e.Action.AccessLevel, source, [NameOf(e.Action)]));
                else
                    groups[group].Actions.Add(NameOf(e.Action));
            }
            var riskiest = groups.OrderByDescending(g => g.Level).ToList();
            var ordered = riskiest.Select(g => (Detail)Detail.Map(
                ("accessLevel", g.Level.Display()),
                ("actions", new ListDetail([.. g.Actions])),
                ("resources", g.Source.Resources),
                ("grantedBy", g.Source.GrantedBy)));
            var top = excess.OrderByDescending(e => e.Action.AccessLevel).ThenBy(e => e.Action.FullName, StringComparer.Ordinal).Take(3).Select(e => $"`{e.Action.FullName}`");
            // Where: the statement granting the riskiest excess (the details name every granting policy). Set after the
            // fingerprint is made, which keys on the principal and its excess alone, as it did before IMA301 had a location.
            var granting = riskiest[0].Source.First;
            yield return Descriptor.Finding(severity,
                $"`{Inline(principal.Principal.Name)}` can do {Count(excess.Length, "Incident Manager action")} beyond {principal.Baseline.Name}: {string.Join(", ", top)}{(excess.Length > 3 ? ", …" : "")}",
                principal.Principal.Arn, null,
                Detail.Map(("baseline", principal.Baseline.Name), ("excess", Detail.List(ordered))),
                Finding.ListKey(excess.Select(e => e.Action.FullName))) with
            {
                Location = granting is null ? null : new FindingLocation(granting.Policy, granting.Statement, granting.Sid),
            };
        }
    }

    // Where some excess comes from: its resources and granting policies, and a key equal for equal ones.
    private sealed record Source(string Key, Detail Resources, Detail GrantedBy, GrantSource? First);

    internal static Severity SeverityOf(ActionInfo action) => action.AccessLevel switch
    {
        AccessLevel.PermissionsManagement => Severity.High,
        AccessLevel.Write when action.Name.StartsWith("Delete", StringComparison.Ordinal) || Destructive.Contains(action.Name) => Severity.High,
        AccessLevel.Write or AccessLevel.Tagging => Severity.Medium,
        _ => Severity.Low,
    };
}
