using ImAudit.Cli.CommandLine;
using ImAudit.Engine;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Answers;
using ImAudit.Engine.Policies;

namespace ImAudit.Cli.Commands;

/// <summary>
/// <c>imaudit simulate --policy FILE... --action A --resource R [--context KEY=VALUE...] [--absent KEY...]
/// [--boundary FILE...] [--resource-policy FILE] [--principal ARN] [--format text|json]</c>. The identity policies and the
/// boundary are the principal's (its account's); the resource policy is the resource's (the account in its ARN).
/// </summary>
internal static class SimulateCommand
{
    public static Verb Verb { get; } = new("simulate",
        "Evaluates one request against identity policies (and a boundary, a resource policy): allowed, implicit-deny or explicit-deny, with the deciding statements.",
        null, null,
        [
            VerbOption.Valued("--policy", "FILE", "an identity policy of the principal (repeatable)"),
            VerbOption.Valued("--action", "ACTION", "the request's action, e.g. ssm-incidents:StartIncident"),
            VerbOption.Valued("--resource", "ARN", "the request's resource"),
            VerbOption.Valued("--context", "KEY=VALUE", "a condition key the request sends (repeatable)"),
            VerbOption.Valued("--absent", "KEY", "a condition key the request does not send (repeatable)"),
            VerbOption.Valued("--boundary", "FILE", "the principal's permissions boundary (repeatable)"),
            VerbOption.Valued("--resource-policy", "FILE", "the resource's policy"),
            VerbOption.Valued("--principal", "ARN", "the caller, for the resource policy's Principal"),
            VerbOption.Format("text", "json"),
        ],
        (a, c) => Run(a, c.Stdout, c.Stderr));

    public static int Run(Arguments arguments, TextWriter stdout, TextWriter stderr)
    {
        var format = arguments.Format("text", "json");
        if (arguments.Positionals.Count > 0)
            throw new UsageException($"unexpected argument `{arguments.Positionals[0]}`; policies go after `--policy`");
        var action = arguments.Required("--action");
        var resource = arguments.Required("--resource");
        var context = arguments.All("--context").Select(ParseContext).ToList();
        var principal = arguments.Single("--principal");
        if (principal is not null && !SimulationRequest.IsPrincipal(principal))
            throw new UsageException($"`--principal {MessageText.Inline(principal)}` is not a principal: give an IAM user, role or role-session ARN (`arn:aws:iam::111122223333:role/Name`, `arn:aws:sts::111122223333:assumed-role/Name/session`) or a service principal (`ssm-incidents.amazonaws.com`)");
        var identity = arguments.All("--policy").Select(p => PolicyFiles.Read(p, PolicyKind.Identity, stderr)).ToList();
        var resourcePolicyPath = arguments.Single("--resource-policy");
        if (identity.Count == 0 && resourcePolicyPath is null)
            throw new UsageException("simulate needs at least one `--policy FILE` (or a `--resource-policy FILE`)");
        var boundary = arguments.All("--boundary").Select(p => PolicyFiles.Read(p, PolicyKind.Identity, stderr)).ToList();
        var resourcePolicy = resourcePolicyPath is null ? null : PolicyFiles.Read(resourcePolicyPath, PolicyKind.Resource, stderr);
        var request = new SimulationRequest(action, resource)
        {
            Identity = identity, Boundary = boundary, ResourcePolicy = resourcePolicy, Context = context, Absent = arguments.All("--absent"), Principal = principal,
        };
        var simulation = new PolicyEngine(IamCatalog.Default).Simulate(request);
        foreach (var warning in simulation.Warnings)
            stderr.WriteLine($"imaudit: warning: {warning}");
        if (format == "json")
            JsonOutput.Write(stdout, simulation.WriteJson);
        else
            simulation.WriteText(stdout);
        return ExitCodes.Ok;
    }

    private static KeyValuePair<string, string> ParseContext(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
            throw new UsageException($"`--context {text}` must be KEY=VALUE (repeat the option for several values)");
        return new(text[..eq], text[(eq + 1)..]);
    }
}
