using System.Collections.Immutable;
using System.Text;
using ImAudit.Aws.Collection;
using ImAudit.Engine;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Organizations;
using ImAudit.Engine.Policies;
using ImAudit.Engine.Reports;

namespace ImAudit.Cli;

/// <summary>
/// What an organization scan could not cover: the accounts not audited (failed, skipped) and what went wrong with the
/// organization itself (listing its accounts, describing it). An error makes the audit incomplete, as a failed account does.
/// </summary>
internal sealed record OrganizationGaps(ImmutableArray<AccountNotAudited> NotAudited, ImmutableArray<string> Errors)
{
    /// <summary><c>scan DIR</c>: the folder is what there is.</summary>
    public static OrganizationGaps None { get; } = new([], []);
}

/// <summary>
/// <c>imaudit scan DIR</c> when DIR holds several accounts, and <c>imaudit scan --live --organization</c>: the
/// organization audit, with the accounts it could not cover (<see cref="OrganizationGaps"/>). Writes one report
/// (report.json, report.md, report.html), the ASFF batches with each finding under its own account, and an
/// organization snapshot (every account's inventory and the report) that <c>--previous</c> reads back.
/// </summary>
internal static class OrganizationScan
{
    /// <param name="live">The options of <c>--live --organization</c>; null for <c>scan DIR</c>.</param>
    public static int Run(ScanInput input, OrganizationGaps gaps, OrganizationSnapshot? previous, ScanRun scan, LiveOrganizationOptions? live = null)
    {
        var (arguments, format, failOn, configuration, stdout, stderr, time, environment) = (scan.Arguments, scan.Format, scan.FailOn, scan.Configuration, scan.Stdout, scan.Stderr, scan.Time, scan.Environment);
        var report = new PolicyEngine(IamCatalog.Default).AuditOrganization(input.Accounts, input.Organization, time.GetUtcNow(), configuration, previous, gaps.NotAudited);
        // The snapshot carries forward what an account this run could not read had: not resolved now, not new when it is read again.
        var (next, carried) = OrganizationSnapshot.ForNextRun(report, input.Accounts, previous);
        var firstSeen = OrganizationSnapshot.FirstSeenFor(next, previous);
        // Sent to Security Hub, every batch is for the Region it goes to; written only, each account's is for its first Region.
        var region = arguments.Single("--region") ?? environment.Variables.GetValueOrDefault("AWS_REGION")
            ?? (arguments.Has("--security-hub") ? AccountSetOptions.DefaultRegion : null);
        var outDir = scan.OutDir;
        var set = OrganizationReportSet.Of(report, firstSeen, new OrganizationSetOptions(scan.DocsUrl)
        {
            Snapshot = (next, carried),
            Asff = input.Accounts,
            AsffRegion = region,
        });
        // A run that could not cover the organization is kept but does not become the base, unless there is none.
        var incomplete = report.IsIncomplete ? $"{MessageText.Count(report.NotAudited.Count(a => a.Failed), "account")} not audited or coverage gaps, see report.md"
            : gaps.Errors.IsEmpty ? null : "the organization's account list could not be read whole";
        var becomesBase = incomplete is null || scan.History.BaseSnapshot() is null;
        set.Write(outDir);
        scan.History.Record(report.GeneratedAt, becomesBase, stderr);
        if (!becomesBase)
            stderr.WriteLine($"imaudit: this run is kept but is not the comparison base: {incomplete}");
        if (arguments.Has("--security-hub"))
        {
            // Read live, each member was read through its member role, and its findings go in the same way.
            var partition = input.Accounts[0].Partition;
            SecurityHubUpload.Send(set, region ?? AccountSetOptions.DefaultRegion, live?.Profile, live?.RoleArn is { } first ? new(first, live.ExternalId) : null,
                account => live is null ? null : new(OrganizationCollector.MemberRoleArn(partition, account, live.MemberRoleName), live.ExternalId), environment, stderr);
        }
        if (!set.Print(format, stdout))
            OrganizationSummary.Write(stdout, report, input, outDir);
        // An account list that could not be read whole leaves accounts nobody knows of: incomplete, as a failed account is.
        return ExitReason.Report(stderr, report.Findings, failOn, "finding", incomplete);
    }
}
