using ImAudit.Cli.CommandLine;
using ImAudit.Engine;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Drift;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Policies;
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
    public static Verb Verb { get; } = new("scan",
        "Full audit of an inventory.json, `aws iam get-account-authorization-details` output, or a folder of them (several accounts: the organization audit); "
        + "with --live the account your AWS credentials reach (--organization: every account of its organization); with neither, the embedded demo account. "
        + "Writes report.html, report.json, report.md, snapshot.json and asff/ to --out, keeps each run's snapshot in --out/history/ and compares with the last good one.",
        "PATH", "inventory.json, authorization-details output, or a folder holding them (none: the demo account)",
        [
            VerbOption.Valued("--out", "DIR", "report folder (default ./imaudit-report); each run's snapshot is kept in DIR/history/"),
            VerbOption.Format("text", "json", "md", "html", "asff"),
            VerbOption.FailOn("a finding"),
            VerbOption.Valued("--baseline", "FILE", "baseline configuration: trusted accounts, admin principals, suppressions (docs/baseline-config.md)"),
            VerbOption.Valued("--trusted-account", "ID", "an account trusted for cross-account sharing (repeatable)"),
            VerbOption.Valued("--previous", "SNAPSHOT", "compare with this snapshot.json (or report folder) instead of the last good run in --out"),
            VerbOption.Flag("--no-previous", "do not compare with the previous run in --out"),
            VerbOption.Valued("--docs-url", "URL", "where ImAudit's repository is published (e.g. your fork): rules link to their pages there, in report.html and ASFF"),
            VerbOption.Valued("--keep-runs", "N", $"runs kept in --out/history/ (default {RunHistory.DefaultKeep}; the comparison base is always kept)"),
            VerbOption.Flag("--live", "read the account your AWS credentials reach"),
            VerbOption.Flag("--organization", "with --live: every account of the organization, through its member role"),
            VerbOption.Valued("--member-role-name", "NAME", $"with --organization: the role to assume in each account (default {LiveOrganizationOptions.DefaultMemberRoleName})"),
            VerbOption.Valued("--max-concurrency", "N", $"with --organization: accounts read at once (default {LiveOrganizationOptions.DefaultMaxConcurrency}, 1 to {LiveOrganizationOptions.MaxConcurrencyLimit})"),
            VerbOption.Valued("--region", "REGION", "AWS Region (default AWS_REGION, then the inventory's first Region)"),
            VerbOption.Valued("--profile", "PROFILE", "with --live: the AWS profile"),
            VerbOption.Valued("--role-arn", "ARN", "with --live: a role to assume first"),
            VerbOption.Valued("--external-id", "ID", "with --role-arn: the external ID"),
            VerbOption.Valued("--timeout", "SECONDS", "with --live: give up collecting after this long (default 600; 3600 with --organization)"),
            VerbOption.Flag("--security-hub", "import the findings into Security Hub"),
        ],
        (a, c) => Run(a, c.Stdout, c.Stderr, c.Time, c.Environment));

    public static int Run(Arguments arguments, TextWriter stdout, TextWriter stderr, TimeProvider time, CliEnvironment environment)
    {
        var format = arguments.Format("text", "json", "md", "html", "asff");
        var failOn = arguments.Single("--fail-on");
        if (failOn is not null)
            ExitReason.Threshold(failOn);
        if (arguments.Positionals.Count > 1)
            throw new UsageException("scan takes one PATH (or none, for the embedded demo account)");
        var organization = LiveOrganizationOptions.Parse(arguments);
        var live = arguments.Has("--live");
        if (live && arguments.Positionals.Count > 0)
            throw new UsageException("scan takes a PATH or --live, not both");
        if (!live && (arguments.Single("--profile") ?? arguments.Single("--timeout") ?? arguments.Single("--role-arn") ?? arguments.Single("--external-id")) is not null)
            throw new UsageException("--profile, --role-arn, --external-id and --timeout go with --live");
        if (arguments.Has("--no-previous") && arguments.Single("--previous") is not null)
            throw new UsageException("--previous names the snapshot to compare with and --no-previous compares with none: give one");
        var outDir = arguments.Single("--out") ?? "imaudit-report";
        if (arguments.Single("--docs-url") is { } docs && !Engine.Rules.RuleDescriptor.IsDocsBaseUrl(docs))
            throw new UsageException($"--docs-url `{MessageText.Inline(docs)}` is not an http(s) URL");
        var history = new RunHistory(outDir, RunHistory.ParseKeep(arguments.Single("--keep-runs")));
        var automatic = arguments.Single("--previous") is null && !arguments.Has("--no-previous") ? history.BaseSnapshot() : null;
        // Read before any collection: a mistake in a file is exit 2 at once, not after the accounts are read.
        var configuration = BaselineFile.Read(arguments.Single("--baseline"), arguments.All("--trusted-account"));
        var scan = new ScanRun(arguments, format, failOn, configuration, outDir, history, stdout, stderr, time, environment);
        if (organization is not null)
        {
            var previousOrganization = PreviousSnapshot.ReadOrganization(arguments.Single("--previous"));
            var (collected, gaps) = LiveOrganizationInput.Collect(organization, environment, stderr, time);
            return OrganizationScan.Run(collected, gaps, previousOrganization ?? PreviousSnapshot.ReadOrganizationBase(automatic, stderr), scan, organization);
        }
        var input = live ? new ScanInput([LiveInput.Collect(arguments, environment, stderr, time)], null)
            : arguments.Positionals.Count == 0 ? new ScanInput([InputLoader.Demo()], null) : InputLoader.LoadAll(arguments.Positionals[0], stderr);
        if (input.Accounts.Count > 1)
        {
            return OrganizationScan.Run(input, OrganizationGaps.None,
                PreviousSnapshot.ReadOrganization(arguments.Single("--previous")) ?? PreviousSnapshot.ReadOrganizationBase(automatic, stderr), scan);
        }
        var inventory = input.Accounts[0];
        var explicitPrevious = PreviousSnapshot.Read(arguments.Single("--previous"));
        if (explicitPrevious is not null && explicitPrevious.AccountId != inventory.AccountId)
            throw new UsageException($"`{arguments.Single("--previous")}` is a snapshot of account {explicitPrevious.AccountId}; this is account {inventory.AccountId}");
        var previous = explicitPrevious ?? PreviousSnapshot.ReadBase(automatic, inventory.AccountId, stderr);
        return Account(inventory, previous, scan);
    }

    // `--live --role-arn`: the account was read through the role, and its findings go into Security Hub the same way.
    private static Func<string, SecurityHubUpload.Role?> ReadThrough(Arguments arguments) => account =>
        arguments.Single("--role-arn") is { } role && Arn.Parse(role)?.Account == account ? new(role, arguments.Single("--external-id")) : null;

    private static int Account(AccountInventory inventory, AuditSnapshot? previous, ScanRun scan)
    {
        var report = new PolicyEngine(IamCatalog.Default).Audit(inventory, scan.Time.GetUtcNow(), scan.Configuration, previous);
        var firstSeen = SnapshotJson.FirstSeenFor(report, previous);
        var region = scan.Arguments.Single("--region") ?? scan.Environment.Variables.GetValueOrDefault("AWS_REGION") ?? inventory.Regions.FirstOrDefault() ?? AccountSetOptions.DefaultRegion;
        var set = ReportSet.Account(report, inventory, firstSeen, new AccountSetOptions(region, scan.DocsUrl) { Snapshot = true });
        var refusal = ComparisonBase.Refusal(inventory, previous?.Inventory, scan.History.BaseSnapshot() is not null);
        set.Write(scan.OutDir);
        scan.History.Record(report.GeneratedAt, refusal is null, scan.Stderr);
        if (refusal is not null)
            scan.Stderr.WriteLine($"imaudit: this run is kept but is not the comparison base: {refusal}");
        if (scan.Arguments.Has("--security-hub"))
            SecurityHubUpload.Send(set, region, scan.Arguments.Single("--profile"), null, ReadThrough(scan.Arguments), scan.Environment, scan.Stderr);
        if (!set.Print(scan.Format, scan.Stdout))
            ScanSummary.Write(scan.Stdout, report, inventory, scan.OutDir);
        var incomplete = report.IsIncomplete ? $"{MessageText.Count(report.CoverageGaps, "coverage gap")}, see report.md" : null;
        return ExitReason.Report(scan.Stderr, report.Findings, scan.FailOn, "finding", incomplete);
    }
}
