namespace ImAudit.Engine.Tests.Differential;

/// <summary>
/// Names the class of a disagreement from what iam-simulate saw (<see cref="CaseFacts"/>), so a failure
/// reads as a handful of causes rather than thousands of cases.
/// </summary>
internal static class Disagreements
{
    public static (string Class, string Detail) Classify(DifferentialCase c, string imaudit)
    {
        if (imaudit.StartsWith("refused", StringComparison.Ordinal))
            return ("ImAudit refuses a policy iam-simulate accepts", imaudit);
        // The first part no documented exception covers is the cause worth naming.
        var differences = StatementProbe.Differences(c);
        if ((differences.FirstOrDefault(d => DocumentedExceptions.PartException(d) is null) ?? (differences.Count > 0 ? differences[0] : null)) is { } part)
            return (part.Class, part.Detail);
        return (Combination(c, imaudit), "");
    }

    private static string Combination(DifferentialCase c, string imaudit)
    {
        var f = c.Facts;
        if (imaudit.EndsWith("(conditional)", StringComparison.Ordinal))
            return $"ImAudit conditional with a complete context (iam-simulate {c.Expected})";
        if (f.NotPrincipalDenyForBoundary && c.Expected == "ExplicitlyDenied")
            return "NotPrincipal deny of a principal with a permissions boundary";
        if (DocumentedExceptions.NotPrincipalDenies(c).Any(d => d.Chain.ListsPart(d.Listed)))
            return "NotPrincipal Deny listing part of the caller's chain (account; role; session or user)";
        if (f.ResourceAllowMatches.Contains("SessionRoleMatch") || f.ResourceDenyMatches.Contains("SessionRoleMatch"))
            return "role ARN in a resource policy, caller a session of that role";
        if (c.Principal.Contains(":role/", StringComparison.Ordinal) && f.Boundary is not null && f.Boundary != "Allowed" && c.Expected == "ImplicitlyDenied")
            return "role ARN as the caller (a session of it): a resource-policy grant naming the role is limited by the boundary";
        if (!c.IsService && !f.SameAccount && imaudit == "Allowed" && c.Expected == "ImplicitlyDenied")
            return "cross-account: allowed on one side only";
        if (f.SameAccount && imaudit == "Allowed" && c.Expected == "ImplicitlyDenied" && f.ResourceAllowMatches.Contains("AccountLevelMatch"))
            return "same account: account principal read as a grant to everyone in it";
        if (f.ResourceDenyMatches.Contains("AccountLevelMatch") && c.Expected == "ExplicitlyDenied")
            return "resource-policy Deny naming the caller's account";
        return $"other: iam-simulate {c.Expected}, ImAudit {imaudit}";
    }
}
