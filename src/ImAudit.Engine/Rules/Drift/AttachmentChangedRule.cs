using ImAudit.Engine.Findings;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.Drift;

/// <summary>IMA603: an Incident Manager-relevant policy was attached or detached, or a principal gained or lost Incident Manager access.</summary>
internal sealed class AttachmentChangedRule : IDriftRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.AttachmentChanged, "attachment-changed",
        "Incident Manager policy attached or detached", Severity.Medium, "drift",
        "a policy granting Incident Manager access was attached to or detached from a principal (directly or through a group), or a principal gained or lost Incident Manager access altogether, since the previous run")
    {
        Remediation = "Check that the attachment or detachment was intended (CloudTrail `AttachRolePolicy`, `AttachUserPolicy`, `AttachGroupPolicy`, their `Detach` twins and `AddUserToGroup` say who made it) and revert it if not.",
    };

    public IEnumerable<Finding> Run(DriftContext context)
    {
        var before = context.Previous.Principals.DistinctBy(p => p.Principal.Arn).ToDictionary(p => p.Principal.Arn, StringComparer.Ordinal);
        foreach (var principal in context.Current.Principals)
        {
            var previous = before.GetValueOrDefault(principal.Principal.Arn);
            var then = previous?.Principal.Attachments.Select(a => a.PolicyArn).ToHashSet(StringComparer.Ordinal) ?? [];
            var now = principal.Principal.Attachments.Select(a => a.PolicyArn).ToHashSet(StringComparer.Ordinal);
            // Only policies that give Incident Manager access count, as either account knew them.
            bool Relevant(string arn) => context.AccessOfPolicy(context.Current, arn) is { IsEmpty: false } || context.AccessOfPolicy(context.Previous, arn) is { IsEmpty: false };
            var attached = now.Except(then).Where(Relevant).Order(StringComparer.Ordinal).ToList();
            var detached = then.Except(now).Where(Relevant).Order(StringComparer.Ordinal).ToList();
            var gained = previous is not null && previous.Access.IsEmpty && !principal.Access.IsEmpty;
            var lost = previous is not null && !previous.Access.IsEmpty && principal.Access.IsEmpty;
            if (attached.Count == 0 && detached.Count == 0 && !gained && !lost)
                continue;
            var parts = new[]
            {
                attached.Count > 0 ? $"{string.Join(", ", attached.Select(a => $"`{Name(a)}`"))} attached" : null,
                detached.Count > 0 ? $"{string.Join(", ", detached.Select(a => $"`{Name(a)}`"))} detached" : null,
                gained ? "it now has Incident Manager access" : lost ? "it no longer has Incident Manager access" : null,
            }.OfType<string>();
            yield return Descriptor.Finding(Severity.Medium, $"`{Inline(principal.Principal.Name)}` since the previous run: {string.Join("; ", parts)}",
                principal.Principal.Arn, null,
                Detail.Map(("attached", Detail.List(attached)), ("detached", Detail.List(detached)), ("gainedAccess", gained), ("lostAccess", lost)),
                string.Join(",", attached.Select(a => "+" + a).Concat(detached.Select(d => "-" + d))) + (gained ? "+access" : lost ? "-access" : ""));
        }
    }

    private static string Name(string arn) => arn[(arn.LastIndexOf('/') + 1)..];
}
