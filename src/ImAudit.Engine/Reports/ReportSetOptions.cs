using ImAudit.Engine.Inventory;

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
