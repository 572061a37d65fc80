using System.Text.Json.Nodes;

namespace ImAudit.Engine.Tests.Differential;

/// <summary>
/// A disagreement the test accepts: iam-simulate is wrong by AWS's own documentation, or AWS leaves the answer
/// open and ImAudit says so. docs/differential.md lists the same, with the same quotes.
/// </summary>
internal sealed record DocumentedException(string Name, Func<DifferentialCase, string, bool> Applies);

internal static class DocumentedExceptions
{
    /// <summary>
    /// AWS, NotPrincipal (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html):
    /// "Depending on the service that you include in your policy, AWS might validate the account first and then
    /// the user. If an assumed-role user (someone who is using a role) is being evaluated, AWS might validate the
    /// account first, then the role, and then the assumed-role user." A NotPrincipal Deny that lists only part of
    /// the caller's chain may or may not deny it; ImAudit answers "conditional", iam-simulate reads any listed
    /// part as exempting the caller. Deliberate; without a permissions boundary only (with one, both deny).
    /// </summary>
    public static readonly DocumentedException NotPrincipalListsPartOfTheCallersChain = new(nameof(NotPrincipalListsPartOfTheCallersChain),
        (c, imaudit) => imaudit == c.Expected + " (conditional)" && c.PermissionsBoundary is null
            && CallerChain.Of(c)?.PartlyListedIn(c.ResourcePolicy).Any() == true);

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
        if (NotPrincipalListsPartOfTheCallersChain.Applies(c, imaudit))
            return NotPrincipalListsPartOfTheCallersChain.Name;
        var differences = StatementProbe.Differences(c);
        if (differences.Count == 0)
            return null;
        var names = differences.Select(PartException).ToList();
        return names.All(n => n is not null) ? string.Join(" + ", names.Distinct()) : null;
    }

    /// <summary>The exception that covers one part read differently, or null.</summary>
    public static string? PartException(PartDifference d) => Parts.FirstOrDefault(p => d.Operator is not null && p.Applies(d)).Name;

    private static string BaseOperator(PartDifference d) => d.Operator is { } op ? op[(op.IndexOf(':', StringComparison.Ordinal) + 1)..] : "";

    private static IEnumerable<string> Values(PartDifference d) =>
        d.Values is JsonArray a ? a.Select(v => v!.ToString()) : d.Values is { } v ? [v.ToString()] : [];

    private static bool IsEpoch(string value) => value.All(char.IsAsciiDigit);
}
