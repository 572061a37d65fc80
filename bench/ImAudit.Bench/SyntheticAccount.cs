using System.Collections.Immutable;
using ImAudit.Engine.Inventory;

namespace ImAudit.Bench;

/// <summary>
/// A deterministic synthetic account: <c>scale</c> × the size of Cloudsplaining's example account (44 users,
/// 5 groups, 78 roles, 84 managed policies), with the same kinds of policies the rules look at: AWS managed
/// attachments, customer managed policies with Incident Manager statements (wildcards, NotAction, conditions,
/// denies), inline policies, boundaries, runbook roles, response plans with resource policies, contacts.
/// </summary>
public static class SyntheticAccount
{
    private const string Account = "111122223333";

    private static readonly string[] Statements =
    [
        """{"Effect":"Allow","Action":["ssm-incidents:StartIncident","ssm-incidents:Get*","ssm-incidents:List*"],"Resource":"*"}""",
        """{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"arn:aws:ssm-incidents::111122223333:response-plan/team-{i}*"}""",
        """{"Effect":"Allow","Action":["ssm-contacts:StartEngagement","ssm-contacts:GetContact"],"Resource":"arn:aws:ssm-contacts:*:111122223333:contact/*"}""",
        """{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}""",
        """{"Effect":"Deny","Action":"ssm-incidents:Delete*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/env":"prod"}}}""",
        """{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","dynamodb:*","lambda:InvokeFunction"],"Resource":"*"}""",
        """{"Effect":"Allow","Action":["ec2:Describe*","cloudwatch:*","logs:*","ssm:GetParameter*"],"Resource":"*"}""",
        """{"Effect":"Allow","Action":["ssm-incidents:UpdateResponsePlan","iam:PassRole"],"Resource":"*"}""",
        """{"Effect":"Allow","Action":"ssm-incidents:GetContact","Resource":"*"}""",
        """{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}""",
    ];

    private static readonly string[] AwsManaged =
        ["AWSIncidentManagerResolverAccess", "AdministratorAccess", "AWSIncidentManagerIncidentAccessServiceRolePolicy"];

    /// <summary>How many kinds of statement <see cref="StatementFor"/> knows (the ones this account draws from).</summary>
    public static int StatementCount => Statements.Length;

    /// <summary>One of this account's statements, for another account: its id in the ARNs, <paramref name="i"/> in the names.</summary>
    public static string StatementFor(int kind, string account, int i) =>
        Statements[kind].Replace(Account, account, StringComparison.Ordinal).Replace("{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public static AccountInventory Generate(int scale, int seed = 20261122)
    {
        var random = new Random(seed);
        string Doc(int i) => $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Statements[random.Next(Statements.Length)].Replace("{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)))}}]}""";
        var policies = Enumerable.Range(0, 84 * scale).Select(i => new ManagedPolicy($"policy-{i}", $"arn:aws:iam::{Account}:policy/policy-{i}", "/", "v1",
            [new PolicyVersion("v1", true, Doc(i), null)])).ToList();
        policies.Add(new ManagedPolicy("AdministratorAccess", "arn:aws:iam::aws:policy/AdministratorAccess", "/", "v1",
            [new PolicyVersion("v1", true, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", null)]));
        AttachedPolicy Attach()
        {
            if (random.Next(4) == 0)
            {
                var name = AwsManaged[random.Next(AwsManaged.Length)];
                return new AttachedPolicy(name, $"arn:aws:iam::aws:policy/{name}");
            }
            var p = policies[random.Next(84 * scale)];
            return new AttachedPolicy(p.Name, p.Arn);
        }
        ImmutableArray<AttachedPolicy> Attachments() => [.. Enumerable.Range(0, random.Next(4)).Select(_ => Attach()).DistinctBy(a => a.Arn)];
        ImmutableArray<InlinePolicy> Inline(int i) => random.Next(3) == 0 ? [new InlinePolicy("inline", Doc(i))] : [];
        var groups = Enumerable.Range(0, 5 * scale).Select(i => new IamGroup($"group-{i}", $"arn:aws:iam::{Account}:group/group-{i}", "/", Inline(i), Attachments())).ToList();
        var users = Enumerable.Range(0, 44 * scale).Select(i => new IamUser($"user-{i}", $"arn:aws:iam::{Account}:user/user-{i}", "/", Inline(i), Attachments(),
            [.. Enumerable.Range(0, random.Next(3)).Select(_ => groups[random.Next(groups.Count)].Name).Distinct()],
            random.Next(10) == 0 ? policies[0].Arn : null, [new Tag("team", $"team-{i % 7}")])).ToList();
        var roles = Enumerable.Range(0, 78 * scale).Select(i =>
        {
            var service = (i % 10) switch { 0 => "ssm-incidents.amazonaws.com", 1 => "lambda.amazonaws.com", _ => "ec2.amazonaws.com" };
            var trust = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"{{service}}"},"Action":"sts:AssumeRole"}]}""";
            return new IamRole($"role-{i}", $"arn:aws:iam::{Account}:role/role-{i}", "/", trust, Inline(i), Attachments(), null, []);
        }).ToList();
        var plans = Enumerable.Range(0, 3 * scale).Select(i => new ResponsePlan($"arn:aws:ssm-incidents::{Account}:response-plan/team-{i}", $"team-{i}", null,
            [new RunbookAction("Runbook", $"arn:aws:iam::{Account}:role/role-{(i * 10) % roles.Count}", null)],
            [$"arn:aws:ssm-contacts:us-east-1:{Account}:contact/oncall-{i}"], [],
            [new ResourcePolicy($"rp-{i}", $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"222233334444"},"Action":["ssm-incidents:GetResponsePlan","ssm-incidents:StartIncident"],"Resource":"arn:aws:ssm-incidents::{{Account}}:response-plan/team-{{i}}"}]}""", "us-east-1")])).ToList();
        var contacts = Enumerable.Range(0, 3 * scale).Select(i => new Contact($"arn:aws:ssm-contacts:us-east-1:{Account}:contact/oncall-{i}", $"oncall-{i}", "ESCALATION", null,
            [new ContactStage(0, [$"arn:aws:ssm-contacts:us-east-1:{Account}:contact/person-{i}"], [])], null))
            .Concat(Enumerable.Range(0, 3 * scale).Select(i => new Contact($"arn:aws:ssm-contacts:us-east-1:{Account}:contact/person-{i}", $"person-{i}", "PERSONAL", null, [], null))).ToList();
        return new AccountInventory(Account, "aws", ["us-east-1"], [.. users], [.. groups], [.. roles], [.. policies], [.. plans], [.. contacts],
            new ReplicationSet($"arn:aws:ssm-incidents::{Account}:replication-set/r", "ACTIVE", ["us-east-1"], true), [], $"synthetic {scale}x");
    }
}
