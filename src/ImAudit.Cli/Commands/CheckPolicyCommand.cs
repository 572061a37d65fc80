using ImAudit.Cli.CommandLine;
using ImAudit.Engine;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Policies;

namespace ImAudit.Cli.Commands;

/// <summary>
/// <c>imaudit check-policy FILE [--type identity|resource|trust] [--resource-arn ARN] [--trusted-account ID...] [--fail-on SEVERITY] [--format text|json]</c>.
/// A policy that is not valid JSON or not a valid policy is a finding (IMA107), not a usage error.
/// </summary>
internal static class CheckPolicyCommand
{
    public static Verb Verb { get; } = new("check-policy",
        "Audits one policy document on its own. Exits 0 whatever it finds unless --fail-on is given (then 1 when a finding is at or above it).",
        "FILE", "the policy document (JSON)",
        [
            VerbOption.Valued("--type", "identity|resource|trust", "what the policy is (default identity; resource: a response-plan or contact resource policy)", ["identity", "resource", "trust"]),
            VerbOption.Valued("--resource-arn", "ARN", "with --type resource: the resource the policy is attached to"),
            VerbOption.Valued("--trusted-account", "ID", "an account trusted for cross-account sharing (repeatable)"),
            VerbOption.FailOn("a finding"),
            VerbOption.Format("text", "json"),
        ],
        (a, c) => Run(a, c.Stdout, c.Stderr));

    public static int Run(Arguments arguments, TextWriter stdout, TextWriter stderr)
    {
        var format = arguments.Format("text", "json");
        if (arguments.Positionals.Count != 1)
            throw new UsageException("check-policy takes exactly one policy file");
        var path = arguments.Positionals[0];
        var kind = (arguments.Single("--type") ?? "identity") switch
        {
            "identity" => PolicyKind.Identity,
            "resource" => PolicyKind.Resource,
            "trust" => PolicyKind.Trust,
            var other => throw new UsageException($"`--type {MessageText.Inline(other)}` must be identity, resource or trust"),
        };
        var failOn = arguments.Single("--fail-on");
        if (failOn is not null)
            ExitReason.Threshold(failOn);
        var document = PolicyParser.Parse(PolicyFiles.ReadBytes(path), kind, path);
        var result = new PolicyEngine(IamCatalog.Default).CheckPolicy(document, null, arguments.Single("--resource-arn"), arguments.All("--trusted-account"));
        if (format == "json")
            JsonOutput.Write(stdout, w => FindingsOutput.WriteJson(w, result.Findings, result.Failures));
        else
            FindingsOutput.WriteText(stdout, result.Findings, result.Failures);
        return ExitReason.Report(stderr, result.Findings, failOn, "finding");
    }
}
