using ImAudit.Engine.Baselines;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;
using static ImAudit.Engine.Policies.MessageText;

namespace ImAudit.Engine.Rules.Drift;

/// <summary>
/// IMA601: an AWS managed policy that grants Incident Manager access (or is one of the three Incident Manager
/// policies) has a new default version since the previous run, or differs from every version ImAudit knows.
/// </summary>
internal sealed class ManagedPolicyVersionChangedRule : IDriftRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.ManagedPolicyVersionChanged, "managed-policy-version-changed",
        "AWS managed policy changed under you", Severity.Medium, "drift",
        "an AWS managed policy granting Incident Manager access (or one of the three) has a new default version since the previous run, or differs from every version ImAudit knows; details give the actions added and removed and the principals affected")
    {
        Remediation = "Review the actions the new version adds and removes and the principals affected; if the added access is unwanted, replace the managed policy with a customer managed copy of the version you accept.",
    };

    public IEnumerable<Finding> Run(DriftContext context)
    {
        foreach (var policy in context.Current.Inventory.Policies.Where(p => p.IsAwsManaged && p.DefaultVersion is not null))
        {
            var current = context.Current.Documents.Parse(policy.DefaultVersion!.Document, PolicyKind.Identity, policy.Arn);
            var previousPolicy = context.Previous.Inventory.FindPolicy(policy.Arn);
            var previous = previousPolicy?.DefaultVersion is { } version ? context.Current.Documents.Parse(version.Document, PolicyKind.Identity, policy.Arn + "#previous") : null;
            var known = ManagedBaselines.Versions(policy.Name);
            var movedOn = previous is not null && (previousPolicy!.DefaultVersionId != policy.DefaultVersionId
                || DriftContext.Canonical(previousPolicy.DefaultVersion!.Document) != DriftContext.Canonical(policy.DefaultVersion.Document));
            var nowAccess = context.AccessOf(current);
            var unknown = !known.IsEmpty && !known.Any(k => DriftContext.Change(context.AccessOf(k.Document), nowAccess) is { Added.Count: 0, Removed.Count: 0 });
            var relevant = ManagedBaselines.Names.Contains(policy.Name) || !nowAccess.IsEmpty || (previous is not null && !context.AccessOf(previous).IsEmpty);
            if (!relevant || (!movedOn && !unknown))
                continue;
            // Against the previous run when it changed since; else against the newest version ImAudit knows.
            var reference = movedOn ? previous! : known[^1].Document;
            var (added, removed) = DriftContext.Change(context.AccessOf(reference), nowAccess);
            var holders = context.Current.Principals.Where(p => p.Principal.Attachments.Any(a => a.PolicyArn == policy.Arn)).Select(p => p.Principal).ToList();
            var what = movedOn
                ? $"moved from {previousPolicy!.DefaultVersionId} to {policy.DefaultVersionId} since the previous run"
                : $"(default version {policy.DefaultVersionId}) matches none of the {Count(known.Length, "version")} ImAudit knows ({known[0].VersionId}–{known[^1].VersionId})";
            var change = DriftContext.Describe(added, removed, "its Incident Manager access is the same");
            yield return Descriptor.Finding(Severity.Medium,
                $"`{Inline(policy.Name)}` {what}: {change}, for {Count(holders.Count, "principal")}{(holders.Count > 0 ? $" ({string.Join(", ", holders.Take(3).Select(h => $"`{Inline(h.Name)}`"))}{(holders.Count > 3 ? ", …" : "")})" : "")}",
                policy.Arn, null,
                Detail.Map(
                    ("from", movedOn ? previousPolicy!.DefaultVersionId : known[^1].VersionId), ("to", policy.DefaultVersionId),
                    ("added", Detail.List(added.Select(a => a.Action.FullName))), ("removed", Detail.List(removed.Select(a => a.Action.FullName))),
                    ("principals", Detail.List(holders.Select(h => h.Arn)))),
                $"{(movedOn ? previousPolicy!.DefaultVersionId : "unknown")}->{policy.DefaultVersionId}");
        }
    }
}
