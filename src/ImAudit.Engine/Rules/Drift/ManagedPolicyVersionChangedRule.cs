using System.Collections.Immutable;
using ImAudit.Engine.Baselines;
using ImAudit.Engine.Findings;
using ImAudit.Engine.ManagedPolicies;
using ImAudit.Engine.Policies;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.Drift;

/// <summary>
/// IMA601: an AWS managed policy that grants Incident Manager access (or is one of the three Incident Manager
/// policies) has a new default version since the previous run, or differs from every version ImAudit knows (the
/// whole history of every AWS managed policy, <see cref="ManagedPolicyLibrary"/>).
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
        var before = context.Previous.Inventory.PoliciesByArn();
        foreach (var policy in context.Current.Inventory.Policies.Where(p => p.IsAwsManaged && p.DefaultVersion is not null))
        {
            var current = context.Current.Documents.Parse(policy.DefaultVersion!.Document, PolicyKind.Identity, policy.Arn);
            var previousPolicy = before.GetValueOrDefault(policy.Arn);
            var previous = previousPolicy?.DefaultVersion is { } version ? context.Current.Documents.Parse(version.Document, PolicyKind.Identity, policy.Arn + "#previous") : null;
            var movedOn = previous is not null && (previousPolicy!.DefaultVersionId != policy.DefaultVersionId
                || DriftContext.Canonical(previousPolicy.DefaultVersion!.Document) != DriftContext.Canonical(policy.DefaultVersion.Document));
            var nowAccess = context.AccessOf(current);
            var relevant = ManagedBaselines.Names.Contains(policy.Name) || !nowAccess.IsEmpty || (previous is not null && !context.AccessOf(previous).IsEmpty);
            if (!relevant)
                continue;
            var known = ManagedPolicyLibrary.History(policy.Name);
            if (!movedOn && (known.IsEmpty || Matches(context, known, policy.DefaultVersion.Document, nowAccess)))
                continue;
            // Against the previous run when it changed since; else against the newest version ImAudit knows.
            var reference = movedOn ? previous! : known[^1].Document;
            var (added, removed) = DriftContext.Change(context.AccessOf(reference), nowAccess);
            var holders = context.Current.Principals.Where(p => p.Principal.Attachments.Any(a => a.PolicyArn == policy.Arn)).Select(p => p.Principal).ToList();
            var what = movedOn
                ? $"moved from {previousPolicy!.DefaultVersionId} to {policy.DefaultVersionId} since the previous run"
                : $"(default version {policy.DefaultVersionId}) matches none of the {Count(known.Length, "version")} ImAudit knows ({(known.Length == 1 ? known[0].VersionId : $"{known[0].VersionId}–{known[^1].VersionId}")}, as of {ManagedPolicyLibrary.DataVersion.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)})";
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

    // A known version with the same text (the usual case, and cheap: no parsing), else one giving the same Incident
    // Manager access; newest first, as an account is most likely on a recent one.
    private static bool Matches(DriftContext context, ImmutableArray<ManagedPolicyVersion> known, string text, Access.EffectiveAccess access)
    {
        var canonical = DriftContext.Canonical(text);
        return known.Any(k => DriftContext.Canonical(k.DocumentJson) == canonical)
            || known.Reverse().Any(k => DriftContext.Change(context.AccessOf(k.Document), access) is { Added.Count: 0, Removed.Count: 0 });
    }
}
