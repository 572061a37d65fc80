using System.Collections.Immutable;
using ImAudit.Engine.Findings;

namespace ImAudit.Engine.Drift;

/// <summary>
/// How this run's findings stand against the previous run's, by fingerprint: new (not there before), resolved
/// (there before, gone now) and persisting (in both).
/// </summary>
public sealed record FindingsDrift(DateTimeOffset PreviousGeneratedAt, ImmutableArray<Finding> New, ImmutableArray<Finding> Resolved, ImmutableArray<Finding> Persisting)
{
    public static FindingsDrift Between(AuditSnapshot previous, IReadOnlyList<Finding> current) =>
        Between(previous.GeneratedAt, previous.Findings, current);

    /// <summary>Between any two runs' findings (an organization's compares all its accounts' at once).</summary>
    public static FindingsDrift Between(DateTimeOffset previousGeneratedAt, IReadOnlyList<Finding> previous, IReadOnlyList<Finding> current)
    {
        var before = previous.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var now = current.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
        return new FindingsDrift(previousGeneratedAt,
            [.. current.Where(f => !before.Contains(f.Fingerprint))],
            [.. Rules.RuleRegistry.Order(previous.Where(f => !now.Contains(f.Fingerprint)))],
            [.. current.Where(f => before.Contains(f.Fingerprint))]);
    }
}
