using System.Collections.Immutable;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Reports;
using ImAudit.Engine.Rules;

namespace ImAudit.Engine.Organizations;

/// <summary>The report files of an organization audit (<see cref="ReportSet"/> says how both entry points write them).</summary>
public static class OrganizationReportSet
{
    /// <summary>
    /// The report set of an organization audit; <paramref name="firstSeen"/> dates the ASFF findings and the snapshot's
    /// (over the next run's report, <see cref="OrganizationSnapshot.ForNextRun"/>).
    /// </summary>
    public static ReportSet Of(OrganizationReport report, IReadOnlyDictionary<string, DateTimeOffset> firstSeen, OrganizationSetOptions options)
    {
        List<ReportFile> files =
        [
            ReportFile.Json("report.json", stream => OrganizationReportJson.Write(stream, report)),
            ReportFile.Text("report.md", ReportFile.MarkdownType, writer => OrganizationReportMarkdown.Render(writer, report)),
            ReportFile.Text("report.html", ReportFile.HtmlType, writer => OrganizationReportHtml.Render(writer, report, options.DocsUrl)),
        ];
        if (options.Snapshot is { } snapshot)
            files.Add(ReportFile.Json("snapshot.json", stream => OrganizationSnapshot.Write(stream, snapshot.Inventories, snapshot.Report, firstSeen)));
        if (options.Asff is { } audited)
            files.AddRange(OrganizationAsff(report, firstSeen, audited, options));
        return new([.. files]);
    }

    // One account per batch: Security Hub takes each finding under the product of its own account. A view refers to the
    // report's findings (no copies); each batch is composed when it is written.
    private static IEnumerable<ReportFile> OrganizationAsff(OrganizationReport report, IReadOnlyDictionary<string, DateTimeOffset> firstSeen,
        IReadOnlyList<AccountInventory> inventories, OrganizationSetOptions options)
    {
        var next = 0;
        var cross = options.AsffCrossAccountOnly ? report.CrossAccountFindings.ToLookup(f => f.AccountId, StringComparer.Ordinal) : null;
        foreach (var (account, whole) in report.AccountViews())
        {
            var view = cross is null ? whole : CrossAccountOnly(whole, cross[account.AccountId]);
            var inventory = inventories.First(i => i.AccountId == account.AccountId);
            var region = options.AsffRegion ?? inventory.Regions.FirstOrDefault() ?? AccountSetOptions.DefaultRegion;
            for (var i = 0; i < Asff.BatchCount(view); i++)
            {
                var batch = i;
                yield return ReportFile.Json(ReportSet.AsffName(next++), stream => Asff.WriteBatch(stream, view, batch, firstSeen, region, inventory.Partition, options.DocsUrl))
                    with { Account = account.AccountId };
            }
        }
    }

    // What only the organization audit finds of an account: its cross-account findings, and those resolved since the
    // previous run (archived in Security Hub). The account's own run sends the rest.
    private static AuditReport CrossAccountOnly(AuditReport view, IEnumerable<Finding> cross) => view with
    {
        Findings = [.. cross],
        Drift = view.Drift is { } drift ? drift with { Resolved = [.. drift.Resolved.Where(f => RuleRegistry.IsOrganization(f.RuleId))] } : null,
    };
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
    /// when <see cref="AsffRegion"/> is not given): the CLI's, of every finding; the function's, of the cross-account
    /// findings only (<see cref="AsffCrossAccountOnly"/>), since each account's run writes the batches of its own audit.
    /// </summary>
    public IReadOnlyList<AccountInventory>? Asff { get; init; }

    /// <summary>The Region of every account's ASFF findings; null: each account's first Region, else <see cref="AccountSetOptions.DefaultRegion"/>.</summary>
    public string? AsffRegion { get; init; }

    /// <summary>
    /// The ASFF batches hold only what the organization audit adds to each account: its cross-account findings and
    /// those resolved since the previous run (the function's: each account's own run imports the rest).
    /// </summary>
    public bool AsffCrossAccountOnly { get; init; }
}
