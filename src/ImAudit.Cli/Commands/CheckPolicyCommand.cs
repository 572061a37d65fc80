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
    public static int Run(string[] args, TextWriter stdout)
    {
        var arguments = Arguments.Parse(args, ["--type", "--resource-arn", "--trusted-account", "--fail-on", "--format"]);
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
        FindingsOutput.ExitCode([], failOn);
        var document = PolicyParser.Parse(PolicyFiles.ReadBytes(path), kind, path);
        var result = new PolicyEngine(IamCatalog.Default).CheckPolicy(document, null, arguments.Single("--resource-arn"), arguments.All("--trusted-account"));
        if (format == "json")
            JsonOutput.Write(stdout, w => FindingsOutput.WriteJson(w, result.Findings, result.Failures));
        else
            FindingsOutput.WriteText(stdout, result.Findings, result.Failures);
        return FindingsOutput.ExitCode(result.Findings, failOn);
    }
}
