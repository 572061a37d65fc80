using ImAudit.Engine.Inventory;

namespace ImAudit.Cli;

/// <summary>
/// Whether a run becomes the base the next scan into its folder compares with — the function's rule for its
/// snapshot (docs/snapshot.md): a run is worse than the base when it failed a broad read (a list, a Region, the
/// account's IAM details: anything not named by an ARN) that the base's run did not. A failed read of one resource
/// does not make a run worse.
/// </summary>
internal static class ComparisonBase
{
    /// <summary>Null when <paramref name="run"/> may become the base; else why not (one line).</summary>
    public static string? Refusal(AccountInventory run, AccountInventory? baseRun, bool baseExists) =>
        baseRun is null && !baseExists ? null
        : run.FailedBroadReadNotIn(baseRun) is { } worse ? $"{worse.Service} {worse.Operation} failed ({worse.Code}) and the base run read it"
        : null;
}
