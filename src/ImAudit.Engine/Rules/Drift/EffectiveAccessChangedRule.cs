using ImAudit.Engine.Access;
using ImAudit.Engine.Findings;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.Drift;

/// <summary>IMA605: a principal's effective Incident Manager access grew or shrank since the previous run, whatever the cause.</summary>
internal sealed class EffectiveAccessChangedRule : IDriftRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.EffectiveAccessChanged, "effective-access-changed",
        "Effective Incident Manager access changed", Severity.High, "drift",
        "a principal's effective Incident Manager access grew or shrank since the previous run, whatever the cause; high for added write or permissions access, medium for tagging, low for read, info when it only shrank")
    {
        Remediation = "Check that the principal's new access is intended: the details list the actions gained and lost, and the IMA601 to IMA604 findings of the same run name the change that caused it; revert that change if not.",
    };

    public IEnumerable<Finding> Run(DriftContext context)
    {
        var before = context.Previous.Principals.DistinctBy(p => p.Principal.Arn).ToDictionary(p => p.Principal.Arn, StringComparer.Ordinal);
        var empty = new EffectiveAccess([], []);
        foreach (var principal in context.Current.Principals)
        {
            var previous = before.GetValueOrDefault(principal.Principal.Arn)?.Access ?? empty;
            var (added, removed) = DriftContext.Change(previous, principal.Access);
            if (added.Count == 0 && removed.Count == 0)
                continue;
            yield return Finding(principal.Principal.Arn, principal.Principal.Name, added, removed);
        }
        // A principal that is gone took its access with it.
        foreach (var gone in context.Previous.Principals.Where(p => context.Current.FindPrincipal(p.Principal.Arn) is null && !p.Access.IsEmpty))
            yield return Finding(gone.Principal.Arn, gone.Principal.Name, [], DriftContext.Change(gone.Access, empty).Removed);
    }

    private Finding Finding(string arn, string name, IReadOnlyList<ActionExcess> added, IReadOnlyList<ActionExcess> removed)
    {
        var change = string.Join("; ", new[]
        {
            added.Count > 0 ? $"gained {Count(added.Count, "action")} ({string.Join(", ", added.Take(3).Select(a => $"`{a.Action.FullName}`"))}{(added.Count > 3 ? ", …" : "")})" : null,
            removed.Count > 0 ? $"lost {Count(removed.Count, "action")} ({string.Join(", ", removed.Take(3).Select(a => $"`{a.Action.FullName}`"))}{(removed.Count > 3 ? ", …" : "")})" : null,
        }.OfType<string>());
        return Descriptor.Finding(DriftContext.Widest(added, Severity.Info), $"`{Inline(name)}` Incident Manager access changed since the previous run: {change}",
            arn, null,
            Detail.Map(("added", Detail.List(added.Select(a => a.Action.FullName))), ("removed", Detail.List(removed.Select(a => a.Action.FullName)))),
            Findings.Finding.ListKey(added.Select(a => "+" + a.Action.FullName).Concat(removed.Select(a => "-" + a.Action.FullName))));
    }
}
