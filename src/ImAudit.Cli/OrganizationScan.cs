using System.Text;
using ImAudit.Engine;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Organizations;
using ImAudit.Engine.Reports;

namespace ImAudit.Cli;

/// <summary>
/// <c>imaudit scan DIR</c> when DIR holds several accounts: the organization audit. Writes one report
/// (report.json, report.md, report.html), the ASFF batches with each finding under its own account, and an
/// organization snapshot (every account's inventory and the report) that <c>--previous</c> reads back.
/// </summary>
internal static class OrganizationScan
{
    public static int Run(ScanInput input, Arguments arguments, string format, string? failOn, Engine.Baselines.BaselineConfiguration configuration,
        TextWriter stdout, TextWriter stderr, TimeProvider time, CliEnvironment environment)
    {
        var previous = PreviousSnapshot.ReadOrganization(arguments.Single("--previous"));
        var report = new PolicyEngine(IamCatalog.Default).AuditOrganization(input.Accounts, input.Organization, time.GetUtcNow(), configuration, previous);
        var firstSeen = OrganizationSnapshot.FirstSeenFor(report, previous);
        var region = arguments.Single("--region") ?? environment.Variables.GetValueOrDefault("AWS_REGION");
        // One account per batch: Security Hub takes each finding under the product of its own account.
        var asff = report.Accounts.SelectMany(account =>
        {
            var inventory = input.Accounts.First(i => i.AccountId == account.AccountId);
            return Asff.Batches(report.AccountView(account), firstSeen, region ?? inventory.Regions.FirstOrDefault() ?? "us-east-1", inventory.Partition);
        }).ToList();
        var outDir = arguments.Single("--out") ?? "imaudit-report";
        var set = new ReportSet(OrganizationReportJson.Write(report), OrganizationReportMarkdown.Render(report), OrganizationReportHtml.Render(report),
            OrganizationSnapshot.Write(input.Accounts, report, firstSeen), asff);
        set.Write(outDir);
        if (arguments.Has("--security-hub"))
            SecurityHubUpload.Send(asff, region ?? "us-east-1", environment, stderr);
        if (!set.Print(format, stdout))
            OrganizationSummary.Write(stdout, report, input, outDir);
        if (failOn is not null && report.IsIncomplete)
            return ExitCodes.Incomplete;
        return FindingsOutput.ExitCode(report.Findings, failOn);
    }
}
