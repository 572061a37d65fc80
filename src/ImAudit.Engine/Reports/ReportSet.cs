using System.Collections.Immutable;
using ImAudit.Engine.Drift;
using ImAudit.Engine.Inventory;

namespace ImAudit.Engine.Reports;

/// <summary>
/// The report files of one audit, as both entry points write them: the CLI into <c>--out</c> (staged, then switched in
/// whole), the function into its run's folder in the report store (create-only). One description, so the two cannot
/// drift apart: report.json, report.md and report.html, the ASFF batches as <c>asff/batch-NNN.json</c>, and their
/// content types. What legitimately differs between them the caller says (<see cref="AccountSetOptions"/>,
/// <see cref="Organizations.OrganizationSetOptions"/>). Listed largest first: the CLI writes them side by side, longest started first.
/// </summary>
public sealed record ReportSet(ImmutableArray<ReportFile> Files)
{
    private const string AsffFolder = "asff/";

    /// <summary>The file of that name (<c>report.json</c>, …); the set always holds the three reports.</summary>
    public ReportFile this[string name] => Files.First(f => f.Name == name);

    /// <summary>The ASFF batches, in order: each a Security Hub <c>BatchImportFindings</c> request body.</summary>
    public IEnumerable<ReportFile> AsffBatches => Files.Where(f => f.Name.StartsWith(AsffFolder, StringComparison.Ordinal));

    /// <summary>The ASFF request bodies, each made when it is asked for (Security Hub's import, by the CLI and the function).</summary>
    public IEnumerable<byte[]> AsffBodies => AsffBatches.Select(batch => batch.Bytes());

    /// <summary>
    /// The ASFF request bodies by the account their findings are about, accounts in order: Security Hub takes an
    /// account's findings only from that account, so each group is imported as its account.
    /// </summary>
    public IEnumerable<(string Account, IEnumerable<byte[]> Bodies)> AsffBodiesByAccount =>
        AsffBatches.GroupBy(batch => batch.Account ?? "", StringComparer.Ordinal).Select(g => (g.Key, g.Select(batch => batch.Bytes())));

    /// <summary>The name of the ASFF batch <paramref name="index"/> (from 0): <c>asff/batch-001.json</c>, ….</summary>
    internal static string AsffName(int index) => $"{AsffFolder}batch-{index + 1:000}.json";

    /// <summary>The report set of an account audit; <paramref name="firstSeen"/> dates the ASFF findings and the snapshot's.</summary>
    public static ReportSet Account(AuditReport report, AccountInventory inventory, IReadOnlyDictionary<string, DateTimeOffset> firstSeen, AccountSetOptions options)
    {
        List<ReportFile> files =
        [
            ReportFile.Json("report.json", stream => ReportJson.Write(stream, report)),
            ReportFile.Text("report.md", ReportFile.MarkdownType, writer => ReportMarkdown.Render(writer, report)),
            ReportFile.Text("report.html", ReportFile.HtmlType, writer => ReportHtml.Render(writer, report, options.DocsUrl)),
        ];
        if (options.Snapshot)
            files.Add(ReportFile.Json("snapshot.json", stream => SnapshotJson.Write(stream, inventory, report, firstSeen)));
        if (options.Inventory)
            files.Add(ReportFile.Json("inventory.json", stream => InventoryJson.Write(stream, inventory)));
        files.AddRange(Enumerable.Range(0, Asff.BatchCount(report)).Select(i =>
            ReportFile.Json(AsffName(i), stream => Asff.WriteBatch(stream, report, i, firstSeen, options.AsffRegion, inventory.Partition, options.DocsUrl))
                with { Account = report.AccountId }));
        return new([.. files]);
    }
}
