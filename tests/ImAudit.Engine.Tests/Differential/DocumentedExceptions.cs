using System.Text.Json.Nodes;

namespace ImAudit.Engine.Tests.Differential;

/// <summary>
/// The disagreements the test accepts, each a named predicate: iam-simulate is wrong by AWS's own documentation,
/// or AWS leaves the answer open and ImAudit says so (deliberately). docs/differential.md lists the same, with the
/// same quotes.
/// </summary>
internal static class DocumentedExceptions
{
    // AWS, NotPrincipal (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html):
    // "When you use NotPrincipal with Deny, you must also specify the account ARN of the not-denied principal.
    // Otherwise, the policy might deny access to the entire account containing the principal. Depending on the
    // service that you include in your policy, AWS might validate the account first and then the user. If an
    // assumed-role user (someone who is using a role) is being evaluated, AWS might validate the account first,
    // then the role, and then the assumed-role user." iam-simulate exempts the caller as soon as one link of its
    // chain is listed. ImAudit exempts it only when every link is listed, denies it when only its account is
    // (the role or the user is then checked and not listed), and answers "conditional" when part of the chain is
    // listed. Without a permissions boundary only (with one, both deny whatever NotPrincipal lists).
    private static readonly (string Name, Func<DifferentialCase, string, bool> Applies)[] Cases =
    [
        ("NotPrincipalListsOnlyTheCallersAccount", (c, imaudit) => imaudit == "ExplicitlyDenied" && c.Expected != imaudit
            && NotPrincipalDenies(c).Any(d => d.Chain.ListsOnlyTheAccount(d.Listed))),
        ("NotPrincipalListsPartOfTheCallersChain", (c, imaudit) => imaudit == c.Expected + " (conditional)"
            && NotPrincipalDenies(c).Any(d => d.Chain.ListsPart(d.Listed))),

        // A role given as the caller stands for some session of it (AWS, IAM roles,
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html: "a role does not have standard long-term
        // credentials such as a password or access keys associated with it. Instead, when you assume a role, it
        // provides you with temporary security credentials for your role session."). Whether a policy naming one
        // session of the role names the caller is unknown: ImAudit answers "conditional" (allowed if the session is,
        // or is not, that one); iam-simulate reads the role ARN as a caller of its own that no session ARN matches,
        // one of the two ways the answer can go. Deliberate.
        ("RoleCallerAndASessionOfTheRole", (c, imaudit) => imaudit.EndsWith(" (conditional)", StringComparison.Ordinal) && CallerChain.Of(c) is { IsRole: true } chain
            && c.ResourcePolicy is { } policy && NamedPrincipals(policy).Any(chain.IsSessionOfTheRole)),
    ];

    /// <summary>Statement parts iam-simulate reads wrongly; a case is accepted when every part it reads differently is one of these.</summary>
    private static readonly (string Name, Func<PartDifference, bool> Applies)[] Parts =
    [
        // AWS, Date condition operators (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date):
        // "You must specify date/time values with one of the W3C implementations of the ISO 8601 date formats or in
        // epoch (UNIX) time." iam-simulate reads epoch values as seconds and ISO 8601 values as milliseconds, so it
        // compares an epoch with an ISO date wrongly.
        ("IsoDateComparedWithEpochTime", d => BaseOperator(d).StartsWith("Date", StringComparison.Ordinal)
            && Values(d).Concat(d.Given).Select(IsEpoch).Distinct().Count() == 2),

        // AWS, IP address condition operators (…#Conditions_IPAddress): "NotIpAddress — All IP addresses except the
        // specified IP address or range". An IPv6 address is outside every IPv4 range (and the other way round);
        // iam-simulate reads NotIpAddress as false when the families differ.
        ("NotIpAddressAcrossIpVersions", d => BaseOperator(d).StartsWith("NotIpAddress", StringComparison.Ordinal)
            && d is { IamSimulate: false, ImAudit: true }
            && d.Given.Any(g => Values(d).Any(v => v.Contains(':', StringComparison.Ordinal) != g.Contains(':', StringComparison.Ordinal)))),

        // AWS, …IfExists condition operators (…#Conditions_IfExists): "You can add IfExists to the end of any condition
        // operator name except the Null condition … If the key is not present, evaluate the condition element as
        // true." iam-simulate ignores IfExists after ForAnyValue: and reads the absent key as false.
        ("IfExistsAfterForAnyValueWithAbsentKey", d => d.Operator!.StartsWith("ForAnyValue:", StringComparison.OrdinalIgnoreCase)
            && d.Operator.EndsWith("IfExists", StringComparison.Ordinal) && d.Given.Count == 0 && d is { IamSimulate: false, ImAudit: true }),

        // AWS, Amazon Resource Name (ARN) condition operators (…#Conditions_ARN): "You can use a policy variable with
        // the ARN condition operator." iam-simulate splits the condition value at every colon before substituting,
        // so a variable such as ${aws:PrincipalAccount} (which has a colon) in the account field never matches.
        ("PolicyVariableInArnConditionBeforeTheResourcePart", d => BaseOperator(d).StartsWith("Arn", StringComparison.Ordinal)
            && d.Given.Count > 0 && Values(d).Any(v => string.Join(':', v.Split(':').Take(5)).Contains("${", StringComparison.Ordinal))),
    ];

    public static string? Find(DifferentialCase c, string imaudit)
    {
        // Statement parts first: a case-level exception holds only when ImAudit reads every part as iam-simulate does.
        var differences = StatementProbe.Differences(c);
        if (differences.Count == 0)
            return Cases.FirstOrDefault(e => e.Applies(c, imaudit)).Name;
        var names = differences.Select(PartException).ToList();
        return names.All(n => n is not null) ? string.Join(" + ", names.Distinct()) : null;
    }

    /// <summary>The resource policy's NotPrincipal Deny statements that apply but for their principal, without a permissions boundary.</summary>
    public static IEnumerable<(CallerChain Chain, IReadOnlyList<string> Listed)> NotPrincipalDenies(DifferentialCase c)
    {
        if (c.PermissionsBoundary is not null || CallerChain.Of(c) is not { } chain)
            return [];
        return chain.NotPrincipalDenies(c.ResourcePolicy)
            .Where(d => c.Statements.Any(r => r is { Role: "resource", Action: true, Resource: true } && r.Index == d.Index && r.Conditions.All(x => x.Matches)))
            .Select(d => (chain, d.Listed));
    }

    private static IEnumerable<string> NamedPrincipals(string policy) =>
        JsonNode.Parse(policy)!["Statement"]!.AsArray()
            .SelectMany(s => new[] { (s!["Principal"] as JsonObject)?["AWS"], (s["NotPrincipal"] as JsonObject)?["AWS"] })
            .SelectMany(aws => aws is JsonArray a ? a.Select(v => v!.GetValue<string>()) : aws is null ? [] : [aws.GetValue<string>()]);

    /// <summary>The exception that covers one part read differently, or null.</summary>
    public static string? PartException(PartDifference d) => Parts.FirstOrDefault(p => d.Operator is not null && p.Applies(d)).Name;

    private static string BaseOperator(PartDifference d) => d.Operator is { } op ? op[(op.IndexOf(':', StringComparison.Ordinal) + 1)..] : "";

    private static IEnumerable<string> Values(PartDifference d) =>
        d.Values is JsonArray a ? a.Select(v => v!.ToString()) : d.Values is { } v ? [v.ToString()] : [];

    private static bool IsEpoch(string value) => value.All(char.IsAsciiDigit);
}
