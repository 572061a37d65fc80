namespace ImAudit.Cli.Tests.Fuzz;

/// <summary>
/// Hostile account inputs for <c>scan</c>: ImAudit inventories and <c>aws iam get-account-authorization-details</c>
/// output with hostile names and ARNs, duplicate principals and groups, dangling references, wrong types, policy
/// documents from <see cref="HostilePolicies"/> (as objects, strings or URL-encoded), and AWS Organizations files.
/// </summary>
internal static class HostileInventories
{
    private static readonly string[] Accounts = ["111122223333", "444455556666", "", "1", "11112222333x", "../../x", "0000000000000000000000"];

    /// <summary>One input file's JSON text: an inventory (most often) or authorization details.</summary>
    public static string Account(HostileJson j, string? account = null)
    {
        account ??= j.Chance(0.85) ? "111122223333" : j.Pick(Accounts);
        return j.Chance(0.5) ? Inventory(j, account) : AuthorizationDetails(j, account);
    }

    private static string Name(HostileJson j) => j.Chance(0.7) ? j.Pick("ana", "bo", "Responders", "Auditor", "Payments", "oncall") : j.Text();

    private static string Arn(HostileJson j, string account, string kind, string name) =>
        j.Chance(0.9) ? $"arn:aws:iam::{account}:{kind}/{name}" : j.Pick($"arn:aws:iam::{account}:{kind}/", "arn:aws", "", name, $"arn:aws:iam::*:{kind}/*");

    // A policy document as an inventory holds it: the JSON object, or its text (a string), or a wrong type.
    private static string Document(HostileJson j, bool urlEncoded = false)
    {
        var (text, wellFormed) = HostilePolicies.Document(j, small: !j.Chance(0.02));
        return j.Random.Next(10) switch
        {
            0 => j.Value(),
            < 5 when urlEncoded => j.Str(Uri.EscapeDataString(text)),
            < 5 => j.Str(text),
            _ => wellFormed ? text : j.Str(text),
        };
    }

    private static string Inline(HostileJson j, string nameKey, string documentKey, bool urlEncoded = false) =>
        j.Array(Enumerable.Range(0, j.Between(0, 3)).Select(_ => j.Object([(nameKey, j.OrWrong(j.Str(Name(j)))), (documentKey, Document(j, urlEncoded))])));

    private static string Tags(HostileJson j, string key, string value) =>
        j.OrWrong(j.Array(Enumerable.Range(0, j.Between(0, 2)).Select(_ => j.Object([(key, j.Str(Name(j))), (value, j.Str(j.Text()))]))));

    private static string Inventory(HostileJson j, string account)
    {
        var groups = Enumerable.Range(0, j.Between(0, 4)).Select(_ => Name(j)).ToList();
        string Principal(string kind) => j.Object([
            ("name", j.OrWrong(j.Str(Name(j)))),
            ("arn", j.OrWrong(j.Str(Arn(j, account, kind, Name(j))))),
            ("path", j.OrWrong(j.Str("/", "/aws-service-role/", "", "no-slash"))),
            ("groups", j.OrWrong(j.Array(Enumerable.Range(0, j.Between(0, 3)).Select(_ => j.Str(groups.Count > 0 && j.Chance(0.8) ? j.Pick([.. groups]) : Name(j)))))),
            .. kind == "role" ? [("trustPolicy", Document(j))] : Array.Empty<(string, string)>(),
            ("inlinePolicies", j.OrWrong(Inline(j, "name", "document"))),
            ("attachedPolicies", j.OrWrong(j.Array(Enumerable.Range(0, j.Between(0, 3)).Select(_ => j.Object([
                ("name", j.Str(Name(j))), ("arn", j.Str($"arn:aws:iam::{account}:policy/Managed", "arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess", "x"))]))))),
            .. j.Chance(0.2) ? [("permissionsBoundary", j.OrWrong(j.Str($"arn:aws:iam::{account}:policy/Managed", "nope")))] : Array.Empty<(string, string)>(),
            ("tags", Tags(j, "key", "value")),
        ]);
        string Many(string kind, int max) => j.OrWrong(j.Array(Enumerable.Range(0, j.Between(0, max)).Select(_ => Principal(kind))), 0.03);
        return j.Object([
            ("schemaVersion", j.OrWrong(j.Str("1"), 0.03)),
            ("accountId", j.Str(account)),
            ("partition", j.OrWrong(j.Str("aws", "aws-cn", "aws-us-gov", "mars"))),
            ("regions", j.OrWrong(j.Array(Enumerable.Range(0, j.Between(0, 3)).Select(_ => j.Str("us-east-1", "eu-west-1", "moon-1"))))),
            ("users", Many("user", 6)),
            ("groups", j.OrWrong(j.Array(groups.Select(g => j.Object([("name", j.Str(g)), ("arn", j.Str(Arn(j, account, "group", g))), ("path", j.Str("/")),
                ("inlinePolicies", j.OrWrong(Inline(j, "name", "document"))), ("attachedPolicies", "[]")]))))),
            ("roles", Many("role", 6)),
            ("policies", j.OrWrong(j.Array(Enumerable.Range(0, j.Between(0, 3)).Select(_ => j.Object([
                ("name", j.Str("Managed")), ("arn", j.Str($"arn:aws:iam::{account}:policy/Managed", "arn:aws:iam::aws:policy/Mine")), ("path", j.Str("/")),
                ("defaultVersionId", j.OrWrong(j.Str("v1", "v2", "", "v999"))),
                ("versions", j.OrWrong(j.Array(Enumerable.Range(0, j.Between(0, 3)).Select(v => j.Object([
                    ("versionId", j.Str($"v{v + 1}")), ("isDefault", j.OrWrong(j.Pick("true", "false"))), ("createDate", j.OrWrong(j.Str("2026-01-01T00:00:00Z", "yesterday"))),
                    ("document", Document(j))]))))),
            ]))))),
            ("responsePlans", j.OrWrong(j.Array(Enumerable.Range(0, j.Between(0, 3)).Select(_ => ResponsePlan(j, account))))),
            ("contacts", j.OrWrong(j.Array(Enumerable.Range(0, j.Between(0, 3)).Select(_ => Contact(j, account))))),
            .. j.Chance(0.3) ? [("replicationSet", j.OrWrong(j.Object([("arn", j.Str("arn:aws:ssm-incidents::111122223333:replication-set/x")),
                ("status", j.Str("ACTIVE", "")), ("regions", "[\"us-east-1\"]"), ("deletionProtected", j.OrWrong("true"))])))] : Array.Empty<(string, string)>(),
            ("collectionErrors", j.OrWrong(j.Array(Enumerable.Range(0, j.Between(0, 2)).Select(_ => j.Object([
                ("service", j.Str("ssm-contacts", "iam")), ("operation", j.Str("GetContactPolicy")), ("resource", j.Str(j.Text())),
                ("code", j.Str("AccessDenied", "")), ("message", j.Str(j.Text()))]))))),
        ]);
    }

    private static string ResponsePlan(HostileJson j, string account) => j.Object([
        ("arn", j.Str($"arn:aws:ssm-incidents::{account}:response-plan/{Name(j)}")),
        ("name", j.Str(Name(j))),
        ("actions", j.OrWrong(j.Array(Enumerable.Range(0, j.Between(0, 2)).Select(_ => j.Object([
            ("documentName", j.Str("AWSIncidents-CriticalIncidentRunbookTemplate", "")), ("roleArn", j.Str(Arn(j, account, "role", Name(j)))),
            .. j.Chance(0.3) ? [("targetAccount", j.Str("RESPONSE_PLAN_OWNER_ACCOUNT", "IMPACTED_ACCOUNT", "x"))] : Array.Empty<(string, string)>()]))))),
        ("engagements", j.OrWrong(j.Array([j.Str($"arn:aws:ssm-contacts:us-east-1:{account}:contact/oncall", "x")]))),
        ("chatChannelTopics", "[]"),
        ("resourcePolicies", j.OrWrong(j.Array(Enumerable.Range(0, j.Between(0, 2)).Select(_ => j.Object([
            ("policyId", j.Str("p1", "p1", "")), ("document", Document(j)), ("ramResourceShareRegion", j.OrWrong("null"))]))))),
    ]);

    private static string Contact(HostileJson j, string account) => j.Object([
        ("arn", j.Str($"arn:aws:ssm-contacts:us-east-1:{account}:contact/{Name(j)}")),
        ("alias", j.Str(Name(j))),
        ("type", j.Str("PERSONAL", "ESCALATION", "ONCALL_SCHEDULE", "?")),
        ("stages", j.OrWrong(j.Array(Enumerable.Range(0, j.Between(0, 2)).Select(_ => j.Object([
            ("durationInMinutes", j.OrWrong(j.Number())),
            ("contactTargets", j.OrWrong(j.Array([j.Str($"arn:aws:ssm-contacts:us-east-1:{account}:contact/oncall", "arn:aws:ssm-contacts:us-east-1:444455556666:contact/x")]))),
            ("channelTargets", "[]")]))))),
        .. j.Chance(0.5) ? [("policy", Document(j))] : Array.Empty<(string, string)>(),
    ]);

    private static string AuthorizationDetails(HostileJson j, string account)
    {
        var url = j.Chance(0.3);
        string Principal(string kind, string nameKey, string list) => j.Object([
            (nameKey, j.OrWrong(j.Str(Name(j)))),
            ("Arn", j.OrWrong(j.Str(Arn(j, account, kind, Name(j))))),
            ("Path", j.Str("/")),
            ("CreateDate", j.OrWrong(j.Str("2019-08-16 17:27:59+00:00", "never"))),
            .. kind == "role" ? [("AssumeRolePolicyDocument", Document(j, url))] : Array.Empty<(string, string)>(),
            .. kind == "user" ? [("GroupList", j.OrWrong(j.Array([j.Str(Name(j)), j.Str(Name(j))])))] : Array.Empty<(string, string)>(),
            (list, j.OrWrong(Inline(j, "PolicyName", "PolicyDocument", url))),
            ("AttachedManagedPolicies", j.OrWrong(j.Array(Enumerable.Range(0, j.Between(0, 2)).Select(_ => j.Object([
                ("PolicyName", j.Str("Managed")), ("PolicyArn", j.Str($"arn:aws:iam::{account}:policy/Managed", "arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess"))]))))),
            .. j.Chance(0.2) ? [("PermissionsBoundary", j.OrWrong(j.Object([("PermissionsBoundaryArn", j.Str($"arn:aws:iam::{account}:policy/Managed"))])))] : Array.Empty<(string, string)>(),
            ("Tags", Tags(j, "Key", "Value")),
        ]);
        string Many(string kind, string nameKey, string list) => j.OrWrong(j.Array(Enumerable.Range(0, j.Between(0, 5)).Select(_ => Principal(kind, nameKey, list))), 0.03);
        return j.Object([
            ("UserDetailList", Many("user", "UserName", "UserPolicyList")),
            ("GroupDetailList", Many("group", "GroupName", "GroupPolicyList")),
            ("RoleDetailList", Many("role", "RoleName", "RolePolicyList")),
            ("Policies", j.OrWrong(j.Array(Enumerable.Range(0, j.Between(0, 2)).Select(_ => j.Object([
                ("PolicyName", j.Str("Managed")), ("Arn", j.Str($"arn:aws:iam::{account}:policy/Managed")), ("DefaultVersionId", j.Str("v1", "v2")),
                ("PolicyVersionList", j.OrWrong(j.Array(Enumerable.Range(0, j.Between(0, 2)).Select(v => j.Object([
                    ("VersionId", j.Str($"v{v + 1}")), ("IsDefaultVersion", j.OrWrong(v == 0 ? "true" : "false")), ("Document", Document(j, url))]))))),
            ]))))),
        ]);
    }

    /// <summary>An AWS Organizations file for a folder: describe-organization or list-accounts output.</summary>
    public static string OrganizationFile(HostileJson j) => j.Chance(0.5)
        ? j.Object([("Organization", j.OrWrong(j.Object([("Id", j.Str("o-a1b2c3d4e5", "")), ("Arn", j.Str("arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5")),
            ("MasterAccountId", j.Str(Accounts))])))])
        : j.Object([("Accounts", j.OrWrong(j.Array(Enumerable.Range(0, j.Between(0, 4)).Select(_ => j.Object([
            ("Id", j.Str(Accounts)), ("Name", j.Str(Name(j))), ("Email", j.Str("a@example.com")), ("Status", j.Str("ACTIVE", "SUSPENDED", "?"))])))))]);
}
