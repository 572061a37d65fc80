using System.Collections.Immutable;
using ImAudit.Engine.Drift;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Reports;

namespace ImAudit.Aws.Pipeline;

/// <summary>
/// When a run may replace the account's snapshot, and what it carries over (docs/snapshot.md, "When the function
/// replaces the snapshot"). A run is at least as complete as the last snapshot unless it failed a broad read (a
/// list, a Region, the account's IAM details: anything not named by an ARN) that the snapshot's run did not fail.
/// A failed read of one resource (an ARN) never makes a run worse: the snapshot's findings on that resource are
/// carried forward with when they were last read, so they persist instead of flapping between resolved and new.
/// </summary>
internal static class SnapshotRule
{
    /// <summary>Whether to replace, why not (one line), and the findings carried with when each was last read.</summary>
    public sealed record Decision(bool Replace, string? Refusal, ImmutableArray<Finding> Carried, ImmutableDictionary<string, DateTimeOffset> LastRead);

    public static Decision Decide(AccountInventory inventory, AuditReport report, AuditSnapshot? previous)
    {
        if (previous is null)
            return new(true, null, [], ImmutableDictionary<string, DateTimeOffset>.Empty);
        if (inventory.FailedBroadReadNotIn(previous.Inventory) is { } worse)
        {
            return new(false, $"{worse.Service} {worse.Operation} `{Engine.MessageText.Inline(worse.Resource)}` failed ({worse.Code}) and the last snapshot's run read it",
                [], ImmutableDictionary<string, DateTimeOffset>.Empty);
        }
        var unread = UnreadResources(inventory);
        var found = report.Findings.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var carried = previous.Findings.Where(f => unread.Contains(f.Resource) && !found.Contains(f.Fingerprint)).DistinctBy(f => f.Fingerprint).ToImmutableArray();
        return new(true, null, carried, carried.ToImmutableDictionary(f => f.Fingerprint,
            f => previous.Carried.TryGetValue(f.Fingerprint, out var lastRead) ? lastRead : previous.GeneratedAt, StringComparer.Ordinal));
    }

    /// <summary>Resources (ARNs) this run could not read: what it says about them is unknown, not resolved.</summary>
    public static IReadOnlySet<string> UnreadResources(AccountInventory inventory) =>
        inventory.CollectionErrors.Select(e => e.Resource).Where(IsResource).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The inventory to keep in the snapshot: this run's, with the resource policies it could not read taken from the
    /// last snapshot, so the next run compares a policy it reads with the last one known (not with nothing).
    /// </summary>
    public static AccountInventory CarryInventory(AccountInventory inventory, AuditSnapshot? previous)
    {
        var unread = UnreadResources(inventory);
        if (previous is null || unread.Count == 0)
            return inventory;
        var contacts = previous.Inventory.Contacts.ToDictionary(c => c.Arn, StringComparer.Ordinal);
        var plans = previous.Inventory.ResponsePlans.ToDictionary(p => p.Arn, StringComparer.Ordinal);
        return inventory with
        {
            Contacts = [.. inventory.Contacts.Select(c => unread.Contains(c.Arn) && c.Policy is null && contacts.TryGetValue(c.Arn, out var known) ? c with { Policy = known.Policy } : c)],
            ResponsePlans = [.. inventory.ResponsePlans.Select(p => unread.Contains(p.Arn) && p.ResourcePolicies.IsEmpty && plans.TryGetValue(p.Arn, out var known)
                ? p with { ResourcePolicies = known.ResourcePolicies } : p)],
        };
    }

    /// <summary>The report with "resolved" limited to findings whose resource this run could read.</summary>
    public static AuditReport WithoutUnreadResolved(AuditReport report, AccountInventory inventory)
    {
        var unread = UnreadResources(inventory);
        return report.Drift is { } drift && unread.Count > 0
            ? report with { Drift = drift with { Resolved = [.. drift.Resolved.Where(f => !unread.Contains(f.Resource))] } }
            : report;
    }

    private static bool IsResource(string resource) => resource.StartsWith("arn:", StringComparison.Ordinal);
}
