using ImAudit.Engine;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Reports;

namespace ImAudit.Cli.Commands;

/// <summary>
/// <c>imaudit scan [PATH | --live [--organization [--member-role-name NAME] [--max-concurrency N]] [--region R] [--profile P]
/// [--role-arn ARN] [--external-id ID] [--timeout SECONDS]] [--out DIR] [--format text|json|md]
/// [--fail-on SEVERITY] [--baseline FILE] [--trusted-account ID...] [--previous SNAPSHOT|DIR]</c>: the full audit of one
/// account — or, when PATH holds several accounts or with --live --organization, of the organization
/// (<see cref="OrganizationScan"/>); with no PATH and no --live, the embedded demo account. Writes report.json, report.md and snapshot.json to
/// <c>--out</c> (default ./imaudit-report); with --previous, the report says what is new, resolved and persisting.
/// </summary>
internal static class ScanCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider time, CliEnvironment environment)
    {
        var arguments = Arguments.Parse(args, ["--out", "--format", "--fail-on", "--trusted-account", "--baseline", "--region", "--profile", "--timeout", "--role-arn", "--external-id", "--previous",
            "--member-role-name", "--max-concurrency"], ["--live", "--security-hub", "--organization"]);
        var format = arguments.Format("text", "json", "md", "html", "asff");
        var failOn = arguments.Single("--fail-on");
        FindingsOutput.ExitCode([], failOn);
        if (arguments.Positionals.Count > 1)
            throw new UsageException("scan takes one PATH (or none, for the embedded demo account)");
        var organization = LiveOrganizationOptions.Parse(arguments);
        var live = arguments.Has("--live");
        if (live && arguments.Positionals.Count > 0)
            throw new UsageException("scan takes a PATH or --live, not both");
        if (!live && (arguments.Single("--profile") ?? arguments.Single("--timeout") ?? arguments.Single("--role-arn") ?? arguments.Single("--external-id")) is not null)
            throw new UsageException("--profile, --role-arn, --external-id and --timeout go with --live");
        // Read before any collection: a mistake in a file is exit 2 at once, not after the accounts are read.
        var configuration = BaselineFile.Read(arguments.Single("--baseline"), arguments.All("--trusted-account"));
        if (organization is not null)
        {
            var previousOrganization = PreviousSnapshot.ReadOrganization(arguments.Single("--previous"));
            var (collected, gaps) = LiveOrganizationInput.Collect(organization, environment, stderr, time);
            return OrganizationScan.Run(collected, gaps, previousOrganization, arguments, format, failOn, configuration, stdout, stderr, time, environment);
        }
        var input = live ? new ScanInput([LiveInput.Collect(arguments, environment, stderr, time)], null)
            : arguments.Positionals.Count == 0 ? new ScanInput([InputLoader.Demo()], null) : InputLoader.LoadAll(arguments.Positionals[0], stderr);
        if (input.Accounts.Count > 1)
            return OrganizationScan.Run(input, OrganizationGaps.None, PreviousSnapshot.ReadOrganization(arguments.Single("--previous")), arguments, format, failOn,
                configuration, stdout, stderr, time, environment);
        var inventory = input.Accounts[0];
        var previous = PreviousSnapshot.Read(arguments.Single("--previous"));
        if (previous is not null && previous.AccountId != inventory.AccountId)
            throw new UsageException($"`{arguments.Single("--previous")}` is a snapshot of account {previous.AccountId}; this is account {inventory.AccountId}");
        var report = new PolicyEngine(IamCatalog.Default).Audit(inventory, time.GetUtcNow(), configuration, previous);
        var outDir = arguments.Single("--out") ?? "imaudit-report";
        var firstSeen = Engine.Drift.AuditSnapshot.FirstSeenFor(report, previous);
        var region = arguments.Single("--region") ?? environment.Variables.GetValueOrDefault("AWS_REGION") ?? inventory.Regions.FirstOrDefault() ?? "us-east-1";
        var set = new ReportSet(new ReportFile("report.json", s => ReportJson.Write(s, report)), ReportFile.Text("report.md", w => ReportMarkdown.Render(w, report)),
            ReportFile.Text("report.html", w => ReportHtml.Render(w, report)), new ReportFile("snapshot.json", s => Engine.Drift.AuditSnapshot.Write(s, inventory, report, firstSeen)),
            [.. Enumerable.Range(0, Asff.BatchCount(report)).Select(i => new ReportFile(ReportSet.AsffName(i), s => Asff.WriteBatch(s, report, i, firstSeen, region, inventory.Partition)))]);
        set.Write(outDir);
        if (arguments.Has("--security-hub"))
            SecurityHubUpload.Send(set.AsffBatches, region, environment, stderr);
        if (!set.Print(format, stdout))
            ScanSummary.Write(stdout, report, inventory, outDir);
        if (failOn is not null && report.IsIncomplete)
            return ExitCodes.Incomplete;
        return FindingsOutput.ExitCode(report.Findings, failOn);
    }
}
