using System.Collections.Immutable;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Organizations;

namespace ImAudit.Engine.Reports;

/// <summary>
/// What differs between the CLI's and the function's report set of an account audit, said where each builds one.
/// <paramref name="AsffRegion"/> is the Region of the ASFF findings and of the product ARN they are imported under (the
/// CLI's <c>--region</c> or its fallbacks, the function's own Region); <paramref name="DocsUrl"/> where rules link to
/// their pages (report.html and ASFF).
/// </summary>
public sealed record AccountSetOptions(string AsffRegion, string? DocsUrl)
{
    /// <summary>The ASFF Region when nothing names one (no option, no environment, no Region in the inventory).</summary>
    public const string DefaultRegion = "us-east-1";

    /// <summary>
    /// <c>snapshot.json</c> beside the reports: the CLI's (the next run's base, kept in its history). The function keeps
    /// its snapshot apart, under <c>snapshots/</c>, replaced only over the version it read.
    /// </summary>
    public bool Snapshot { get; init; }

    /// <summary><c>inventory.json</c>, what the run read: the function's (the CLI's snapshot holds the inventory).</summary>
    public bool Inventory { get; init; }
}

/// <summary>
/// What differs between the CLI's and the function's report set of an organization audit. <paramref name="DocsUrl"/>
/// is where rules link to their pages (report.html and ASFF).
/// </summary>
public sealed record OrganizationSetOptions(string? DocsUrl)
{
    /// <summary>
    /// <c>snapshot.json</c> beside the reports, from the next run's report and the inventories it keeps
    /// (<see cref="OrganizationSnapshot.ForNextRun"/>): the CLI's. The function writes the organization's snapshot apart,
    /// findings only, under <c>snapshots/organization/</c>, replaced only over the version it read.
    /// </summary>
    public (OrganizationReport Report, ImmutableArray<AccountInventory> Inventories)? Snapshot { get; init; }

    /// <summary>
    /// The ASFF batches, account by account, with each audited account's inventory (its partition, and its first Region
    /// when <see cref="AsffRegion"/> is not given): the CLI's. The function's organization run writes none: each
    /// account's run writes the batches of its own audit, and the cross-account findings stay in the organization's reports.
    /// </summary>
    public IReadOnlyList<AccountInventory>? Asff { get; init; }

    /// <summary>The Region of every account's ASFF findings; null: each account's first Region, else <see cref="AccountSetOptions.DefaultRegion"/>.</summary>
    public string? AsffRegion { get; init; }
}
