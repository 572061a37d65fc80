using ImAudit.Cli.CommandLine;
using ImAudit.Engine;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Evaluation;
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
        if (principal is not null && Caller.Parse(principal) is null)
            throw new UsageException($"`--principal {MessageText.Inline(principal)}` is not a principal: give an IAM user, role or role-session ARN (`arn:aws:iam::111122223333:role/Name`, `arn:aws:sts::111122223333:assumed-role/Name/session`) or a service principal (`ssm-incidents.amazonaws.com`)");
        var identity = arguments.All("--policy").Select(p => PolicyFiles.Read(p, PolicyKind.Identity, stderr)).ToList();
        var resourcePolicyPath = arguments.Single("--resource-policy");
        if (identity.Count == 0 && resourcePolicyPath is null)
            throw new UsageException("simulate needs at least one `--policy FILE` (or a `--resource-policy FILE`)");
        var boundary = arguments.All("--boundary").Select(p => PolicyFiles.Read(p, PolicyKind.Identity, stderr)).ToList();
        var resourcePolicy = resourcePolicyPath is null ? null : PolicyFiles.Read(resourcePolicyPath, PolicyKind.Resource, stderr);
        var absent = arguments.All("--absent");
        var request = new RequestContext(action, resource, context, absent, principal);
        var check = new PolicyEngine(IamCatalog.Default).CheckRequest(request);
        if (!check.UnsentKeys.IsEmpty)
            request = new RequestContext(action, resource, context.Where(kv => !check.UnsentKeys.Contains(kv.Key, StringComparer.OrdinalIgnoreCase)),
                [.. absent, .. check.UnsentKeys], principal);
        foreach (var warning in check.Warnings)
            stderr.WriteLine($"imaudit: warning: {warning}");
        var result = PolicyEngine.Simulate(new PolicySet(identity, boundary.Count > 0 ? boundary : null, resourcePolicy), request);
        if (format == "json")
            WriteJson(stdout, result, check);
        else
            WriteText(stdout, result);
        return ExitCodes.Ok;
    }

    private static KeyValuePair<string, string> ParseContext(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
            throw new UsageException($"`--context {text}` must be KEY=VALUE (repeat the option for several values)");
        return new(text[..eq], text[(eq + 1)..]);
    }

    internal static string Name(Decision decision) => decision switch
    {
        Decision.Allowed => "allowed",
        Decision.ImplicitDeny => "implicit-deny",
        _ => "explicit-deny",
    };

    private static string Role(PolicyRole role) => role switch
    {
        PolicyRole.Identity => "identity",
        PolicyRole.PermissionsBoundary => "permissions-boundary",
        _ => "resource",
    };

    private static string Reach(PrincipalReach reach) => reach switch
    {
        PrincipalReach.Caller => "caller",
        PrincipalReach.Identity => "role-or-user",
        PrincipalReach.NotListed => "not-principal",
        _ => "account",
    };

    private static void WriteJson(TextWriter stdout, SimulationResult result, RequestCheck check) =>
        JsonOutput.Write(stdout, w =>
        {
            w.WriteString("decision", Name(result.Decision));
            w.WriteBoolean("conditional", result.Conditional);
            w.WriteBoolean("crossAccount", result.CrossAccount);
            w.WriteStartArray("decidedBy");
            foreach (var role in result.DecidedBy)
                w.WriteStringValue(Role(role));
            w.WriteEndArray();
            w.WriteString("reason", result.Reason);
            if (!check.Warnings.IsEmpty)
            {
                w.WriteStartArray("warnings");
                foreach (var warning in check.Warnings)
                    w.WriteStringValue(warning);
                w.WriteEndArray();
            }
            w.WriteStartArray("matchedStatements");
            foreach (var s in result.MatchedStatements)
            {
                w.WriteStartObject();
                w.WriteString("policy", s.Policy);
                w.WriteString("role", Role(s.Role));
                w.WriteNumber("statement", s.Statement);
                if (s.Sid is not null)
                    w.WriteString("sid", s.Sid);
                w.WriteString("effect", s.Effect == Effect.Allow ? "Allow" : "Deny");
                w.WriteBoolean("conditional", s.Conditional);
                w.WriteString("pointer", s.Pointer);
                if (s.Role == PolicyRole.Resource)
                    w.WriteString("principalMatch", Reach(s.Reach));
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });

    private static void WriteText(TextWriter stdout, SimulationResult result)
    {
        var suffix = result.Conditional ? " (conditional: depends on context the request did not give)" : "";
        stdout.WriteLine($"decision: {Name(result.Decision)}{suffix}");
        stdout.WriteLine($"why: {result.Reason}");
        if (result.MatchedStatements.IsEmpty)
        {
            stdout.WriteLine("no statement applies to this request");
            return;
        }
        stdout.WriteLine("statements that apply:");
        foreach (var s in result.MatchedStatements)
        {
            var sid = s.Sid is null ? "" : $" (Sid `{s.Sid}`)";
            var when = (s.Role == PolicyRole.Resource ? (s.Reach == PrincipalReach.NotListed ? "  [NotPrincipal does not list the caller]" : $"  [names the {Reach(s.Reach).Replace('-', ' ')}]") : "") + (s.Conditional ? "  [if its conditions hold]" : "");
            stdout.WriteLine($"  {(s.Effect == Effect.Allow ? "Allow" : "Deny "),-5} {Role(s.Role)} `{s.Policy}` statement {s.Statement}{sid} at `{s.Pointer}`{when}");
        }
    }
}
