using ImAudit.Cli.Commands;

namespace ImAudit.Cli;

/// <summary>Dispatches a verb; turns usage errors into one line on stderr and exit code 2.</summary>
internal static class Cli
{
    private const string Usage = """
        usage: imaudit <command> [options]

        commands:
          scan [PATH | --live [--organization [--member-role-name NAME] [--max-concurrency N]] [--region R] [--profile P]
                             [--role-arn ARN] [--external-id ID] [--timeout SECONDS]]
               [--out DIR] [--format text|json|md|html|asff] [--fail-on SEVERITY] [--baseline FILE] [--trusted-account ID...]
               [--previous SNAPSHOT|DIR] [--security-hub]
              full audit of an inventory.json, `aws iam get-account-authorization-details` output, a folder (several
              accounts: the organization audit), (--live) the account your AWS credentials reach, or (--live
              --organization) every account of their organization through its member role (default
              ImAuditMemberRole, 8 accounts at once, 1 to 64); with neither, the embedded demo account; writes
              report.json, report.md, snapshot.json and asff/ (Security Hub batches); --previous compares with an
              earlier snapshot; --security-hub imports the findings into Security Hub
          expand PATTERN... [--format text|json]
              exact expansion of action patterns against the catalogue
          simulate --policy FILE... --action A --resource R [--context KEY=VALUE...] [--absent KEY...]
                   [--boundary FILE...] [--resource-policy FILE --principal ARN] [--format text|json]
              evaluates one request: allowed, implicit-deny or explicit-deny, with the deciding statements
          compare FILE... --baseline NAME|NAME@vN|FILE [--service PREFIX...] [--fail-on-excess] [--format text|json]
              effective Incident Manager access of policies minus a baseline: the exact excess
          check-policy FILE [--type identity|resource|trust] [--resource-arn ARN] [--trusted-account ID...]
                       [--fail-on SEVERITY] [--format text|json]
              audits one policy document on its own
          diff OLD NEW [--format text|json|md] [--fail-on SEVERITY]
              what changed between two snapshots (or report folders): new, resolved and persisting findings
          invoke EVENT [--out DIR] [--timeout SECONDS]
              runs the Lambda handler in-process with an event file (as `sam local invoke -e EVENT`); reports to
              IMAUDIT_REPORT_BUCKET when set, else to --out
          rules [--format text|json|md]
              the rule catalogue
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, CliEnvironment.FromProcess());

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CliEnvironment environment)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Usage);
            return args.Length == 0 ? ExitCodes.UsageOrUnreadableInput : ExitCodes.Ok;
        }
        var rest = args[1..];
        try
        {
            return args[0] switch
            {
                "expand" => ExpandCommand.Run(rest, stdout),
                "simulate" => SimulateCommand.Run(rest, stdout, stderr),
                "compare" => CompareCommand.Run(rest, stdout, stderr),
                "check-policy" => CheckPolicyCommand.Run(rest, stdout),
                "rules" => RulesCommand.Run(rest, stdout),
                "scan" => ScanCommand.Run(rest, stdout, stderr, TimeProvider.System, environment),
                "diff" => DiffCommand.Run(rest, stdout),
                "invoke" => InvokeCommand.Run(rest, stdout, stderr, TimeProvider.System, environment),
                _ => throw new UsageException($"unknown command `{args[0]}`; run `imaudit --help`"),
            };
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"imaudit: {e.Message}");
            return ExitCodes.UsageOrUnreadableInput;
        }
    }
}
