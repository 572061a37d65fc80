namespace ImAudit.Cli.Tests.Fuzz;

/// <summary>
/// Hostile IAM policy documents: mostly the right shape with wrong parts (bad effects, unknown or wildcard actions,
/// invalid ARNs, conditions with impossible values, duplicate keys, giant lists), some deeply nested or not JSON.
/// </summary>
internal static class HostilePolicies
{
    private static readonly string[] Actions =
    [
        "ssm-incidents:StartIncident", "ssm-incidents:*", "ssm-incidents:Get*", "ssm-incidents:*ResponsePlan", "ssm-contacts:*",
        "ssm-contacts:StartEngagement", "ssm-incidents:PutResourcePolicy", "iam:PassRole", "sts:AssumeRole", "ssm:StartIncident",
        "ssm-incident:StartIncident", "ssm-incidents:StartIncidents", "ssm-contacts:GetResponsePlan", "*", "*:*", "s*:*", "ssm-*:?et*",
        "", ":", "a:b:c", "ssm-incidents:", ":StartIncident", " ssm-incidents:StartIncident", "ssm-incidents:StartIncident ", "emr:ListClusters",
        "SSM-INCIDENTS:startincident", "ssm-incidents:Start?ncident", "ssm-incidents:***", "?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*:*", "s3:GetObject",
    ];

    private static readonly string[] Resources =
    [
        "*", "arn:aws:ssm-incidents::111122223333:response-plan/Payments", "arn:aws:ssm-incidents::111122223333:incident-record/*/*",
        "arn:aws:ssm-contacts:us-east-1:111122223333:contact/*", "arn:aws:ssm-contacts:*:*:*", "arn:${aws:partition}:ssm-incidents::${aws:PrincipalAccount}:*",
        "arn:aws:ssm-incidents::${aws:username}:response-plan/${x", "arn:aws", "arn:::::", "arn:aws:iam::123:role/x", "not an arn", "",
        "arn:aws:ssm-incidents::444455556666:response-plan/*", "arn:aws-cn:ssm-incidents::111122223333:*", "arn:aws:iam::111122223333:role/*",
        string.Concat(Enumerable.Repeat("arn:", 300)),
    ];

    private static readonly string[] Principals =
    [
        "\"*\"", """{"AWS":"*"}""", """{"AWS":["111122223333","arn:aws:iam::444455556666:root"]}""", """{"AWS":"arn:aws:iam::1:role/x"}""",
        """{"AWS":"12"}""", """{"Service":"ssm-incidents.amazonaws.com"}""", """{"Service":["ssm.amazonaws.com","*"]}""",
        """{"Federated":"cognito-identity.amazonaws.com"}""", """{"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}""",
        """{"AWS":{"nested":1}}""", """{"AWS":[]}""", """{}""", """{"Weird":"x"}""", "[\"*\"]", "1",
        """{"AWS":"arn:aws:sts::444455556666:assumed-role/r/s"}""",
    ];

    private static readonly string[] Operators =
    [
        "StringEquals", "StringLike", "StringNotEquals", "ForAnyValue:StringLike", "ForAllValues:StringEquals", "Bool", "Null", "NumericLessThan",
        "DateGreaterThan", "IpAddress", "ArnLike", "ArnEquals", "StringEqualsIfExists", "BinaryEquals", "UnknownOperator", "ForAnyValue:Bool", "stringequals", "",
    ];

    private static readonly string[] ConditionKeys =
    [
        "aws:SourceAccount", "aws:SourceArn", "aws:PrincipalOrgID", "aws:PrincipalAccount", "aws:SecureTransport", "aws:MultiFactorAuthAge",
        "aws:CurrentTime", "aws:SourceIp", "aws:PrincipalTag/team", "ssm-incidents:x", "aws:username", "AWS:SOURCEACCOUNT", "",
    ];

    private static readonly string[] ConditionValues =
    [
        "111122223333", "o-a1b2c3d4e5", "o-*", "true", "false", "maybe", "NaN", "Infinity", "1e999", "-0", "0x10", "not a date",
        "2026-11-22T06:00:00Z", "999.1.1.1/33", "10.0.0.0/8", "::1/129", "arn:*", "*", "${aws:username}", "",
    ];

    /// <summary>
    /// A hostile policy document (JSON text), and whether it is well-formed JSON (so it may be embedded as an object).
    /// Only a document that is not <paramref name="small"/> may hold thousands of statements or actions.
    /// </summary>
    public static (string Text, bool WellFormed) Document(HostileJson j, bool small = false)
    {
        var shaped = Shaped(j, small);
        return j.Random.Next(20) switch
        {
            0 => (j.Broken(shaped), false),
            1 => ($$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":{{j.Nest(j.Pick(60, 70, 200))}},"Resource":"*"}]}""", true),
            _ => (shaped, true),
        };
    }

    private static string Shaped(HostileJson j, bool small)
    {
        var count = j.Random.Next(30) switch
        {
            0 => 0,
            1 when !small => j.Between(200, 3_000),
            _ => j.Between(1, 4),
        };
        // Thousands of statements are few and plain; one statement of a few may list thousands of actions.
        var statements = j.Chance(0.1) && count == 1 ? Statement(j, small)
            : count > 100 ? j.Array(Enumerable.Range(0, count).Select(_ => j.Pick("{}", Plain, Plain.Replace("Allow", "Deny", StringComparison.Ordinal))))
            : j.Array(Enumerable.Range(0, count).Select(_ => j.Chance(0.02) ? "{}" : Statement(j, small)));
        return j.Object([
            ("Version", j.OrWrong(j.Str("2012-10-17", "2008-10-17", "2012-10-18"))),
            .. j.Chance(0.1) ? [("Id", j.Value())] : Array.Empty<(string, string)>(),
            ("Statement", j.OrWrong(statements, 0.04)),
        ]);
    }

    private const string Plain = """{"Effect":"Allow","Action":"ssm-incidents:Get*","Resource":"*"}""";

    private static string Statement(HostileJson j, bool small)
    {
        var members = new List<(string, string)>
        {
            ("Effect", j.OrWrong(j.Str("Allow", "Deny", "allow", "Permit"))),
            (j.Chance(0.8) ? "Action" : "NotAction", j.OrWrong(ActionList(j, small))),
            (j.Chance(0.85) ? "Resource" : "NotResource", j.OrWrong(j.ListOrOne(j.Between(1, 3), () => j.Str(Resources)))),
        };
        if (j.Chance(0.3))
            members.Add(("Sid", j.OrWrong(j.Str("Sid1", "", "has space", "ünï"))));
        if (j.Chance(0.35))
            members.Add((j.Chance(0.9) ? "Principal" : "NotPrincipal", j.OrWrong(j.Pick(Principals))));
        if (j.Chance(0.35))
            members.Add(("Condition", j.OrWrong(Condition(j))));
        if (j.Chance(0.05))
            members.Add((j.Text(), j.Value()));
        return j.Object(members);
    }

    private static string ActionList(HostileJson j, bool small)
    {
        var count = j.Random.Next(40) switch
        {
            0 when !small => j.Between(1_000, 20_000),
            1 => 0,
            _ => j.Between(1, 5),
        };
        // A giant list is mostly distinct unknown actions (each a new pattern and suggestion), or copies of one.
        return count > 100
            ? j.Array(Enumerable.Range(0, count).Select(i => j.Chance(0.5) ? $"\"ssm-incidents:X{i}\"" : $"\"s{i % 997}:Get{i}\""))
            : j.ListOrOne(count, () => j.Str(Actions));
    }

    private static string Condition(HostileJson j) =>
        j.Object(Enumerable.Range(0, j.Between(0, 3)).Select(_ => (j.Pick(Operators),
            j.OrWrong(j.Object(Enumerable.Range(0, j.Between(0, 3)).Select(_ => (j.Pick(ConditionKeys),
                j.OrWrong(j.ListOrOne(j.Between(0, 3), () => j.Chance(0.1) ? j.Number() : j.Str(ConditionValues))))))))));
}
