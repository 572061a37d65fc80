using System.Collections.Immutable;
using System.Globalization;
using ImAudit.Engine.Inventory;

namespace ImAudit.Bench;

/// <summary>How large a generated member account is: its tier's name and how many of each IAM entity it holds.</summary>
public sealed record MemberSize(string Tier, int Roles, int Users, int Groups, int Policies)
{
    /// <summary>
    /// Most member accounts of an organization are small workload accounts; a few are large shared ones. Drawn:
    /// 70 % small (15–40 roles), 20 % medium (60–150), 8 % large (300–600), 2 % very large (1,500–3,000).
    /// </summary>
    public static MemberSize Draw(Random random) => random.Next(100) switch
    {
        < 70 => new("small", random.Next(15, 41), random.Next(3), random.Next(2), random.Next(5, 21)),
        < 90 => new("medium", random.Next(60, 151), random.Next(2, 21), random.Next(1, 6), random.Next(30, 91)),
        < 98 => Large(random),
        _ => new("very large", random.Next(1500, 3001), random.Next(100, 301), random.Next(15, 31), random.Next(600, 1201)),
    };

    public static MemberSize Large(Random random) => new("large", random.Next(300, 601), random.Next(20, 101), random.Next(5, 16), random.Next(150, 301));
}

/// <summary>
/// A member account as an organization holds it, generated deterministically from its <see cref="Random"/>: the
/// roles Organizations, IAM Identity Center and ImAudit put there (OrganizationAccountAccessRole with
/// AdministratorAccess, SSO permission sets, the audit's member role), service-linked roles, and workload roles,
/// users and groups whose customer managed policies mostly grant other services — one statement in twenty is an
/// Incident Manager one, from <see cref="SyntheticAccount"/>'s (where they are all of them). Response plans and contacts,
/// with their resource policies, are the organization's to decide (<see cref="SyntheticOrganization"/>).
/// </summary>
public static class SyntheticMember
{
    private static readonly string[] OtherServices =
    [
        """{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::app-{a}-{i}/*"}""",
        """{"Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:PutItem","dynamodb:Query"],"Resource":"arn:aws:dynamodb:us-east-1:{a}:table/t-{i}"}""",
        """{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"arn:aws:logs:us-east-1:{a}:log-group:/app/{i}:*"}""",
        """{"Effect":"Allow","Action":["ec2:Describe*","cloudwatch:GetMetricData"],"Resource":"*"}""",
        """{"Effect":"Allow","Action":["sqs:SendMessage","sqs:ReceiveMessage","sqs:DeleteMessage"],"Resource":"arn:aws:sqs:us-east-1:{a}:q-{i}"}""",
        """{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}}""",
        """{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:us-east-1:{a}:secret:app-{i}-*"}""",
    ];

    private const string Administrator = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    // A stand-in for ReadOnlyAccess (the real one is 20 KB): the Incident Manager part of it and a little more.
    private const string ReadOnly = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm-incidents:Get*","ssm-incidents:List*","ssm-contacts:Get*","ssm-contacts:List*","ssm-contacts:Describe*","s3:Get*","s3:List*","ec2:Describe*","iam:Get*","iam:List*"],"Resource":"*"}]}""";

    private const string AuditRead = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GetAccountAuthorizationDetails","iam:GetRole","ssm-incidents:List*","ssm-incidents:Get*","ssm-contacts:List*","ssm-contacts:Get*"],"Resource":"*"}]}""";

    /// <summary>The role a response plan's runbook runs as, in an account that has plans.</summary>
    public const string RunbookRole = "incident-runbook";

    public static AccountInventory Generate(string account, string management, MemberSize size, Random random,
        ImmutableArray<ResponsePlan> plans = default, ImmutableArray<Contact> contacts = default)
    {
        string N(int i) => i.ToString(CultureInfo.InvariantCulture);
        string Statement(int i) => random.Next(20) == 0
            ? SyntheticAccount.StatementFor(random.Next(SyntheticAccount.StatementCount), account, i)
            : OtherServices[random.Next(OtherServices.Length)].Replace("{a}", account, StringComparison.Ordinal).Replace("{i}", N(i), StringComparison.Ordinal);
        string Doc(int i) => $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Statement(i)))}}]}""";

        var policies = Enumerable.Range(0, size.Policies).Select(i => new ManagedPolicy($"app-policy-{i}", $"arn:aws:iam::{account}:policy/app-policy-{i}", "/", "v1",
            [new PolicyVersion("v1", true, Doc(i), null)])).ToList();
        var aws = new[] { ("AdministratorAccess", Administrator), ("ReadOnlyAccess", ReadOnly) };
        policies.AddRange(aws.Select(p => new ManagedPolicy(p.Item1, $"arn:aws:iam::aws:policy/{p.Item1}", "/", "v1", [new PolicyVersion("v1", true, p.Item2, null)])));
        AttachedPolicy Aws(string name) => new(name, $"arn:aws:iam::aws:policy/{name}");
        ImmutableArray<AttachedPolicy> Attachments(int most) =>
            size.Policies == 0 ? [] : [.. Enumerable.Range(0, random.Next(most + 1)).Select(_ => policies[random.Next(size.Policies)]).Distinct().Select(p => new AttachedPolicy(p.Name, p.Arn))];
        ImmutableArray<InlinePolicy> Inline(int i) => random.Next(3) == 0 ? [new InlinePolicy("inline", Doc(i))] : [];
        string Trust(string principal) => $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{{principal}},"Action":"sts:AssumeRole"}]}""";

        var roles = new List<IamRole>
        {
            new("OrganizationAccountAccessRole", $"arn:aws:iam::{account}:role/OrganizationAccountAccessRole", "/", Trust($$"""{"AWS":"arn:aws:iam::{{management}}:root"}"""), [], [Aws("AdministratorAccess")], null, []),
            new("imaudit-member", $"arn:aws:iam::{account}:role/imaudit-member", "/", Trust($$"""{"AWS":"arn:aws:iam::{{management}}:root"}"""), [new InlinePolicy("read", AuditRead)], [], null, []),
        };
        const string Sso = "/aws-reserved/sso.amazonaws.com/";
        var saml = Trust($$"""{"Federated":"arn:aws:iam::{{account}}:saml-provider/AWSSSO_{{random.Next():x8}}_DO_NOT_DELETE"}""").Replace("sts:AssumeRole", "sts:AssumeRoleWithSAML", StringComparison.Ordinal);
        IamRole PermissionSet(string set, string policy)
        {
            var name = $"AWSReservedSSO_{set}_{random.Next():x8}";
            return new(name, $"arn:aws:iam::{account}:role{Sso}{name}", Sso, saml, [], [Aws(policy)], null, []);
        }
        roles.Add(PermissionSet("AdministratorAccess", "AdministratorAccess"));
        roles.Add(PermissionSet("ReadOnlyAccess", "ReadOnlyAccess"));
        if (random.Next(5) < 2)
            roles.Add(PermissionSet("IncidentResponder", "AWSIncidentManagerResolverAccess"));
        if (!plans.IsDefaultOrEmpty)
            roles.Add(new(RunbookRole, $"arn:aws:iam::{account}:role/{RunbookRole}", "/", Trust("""{"Service":"ssm.amazonaws.com"}"""),
                [new InlinePolicy("runbook", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm:StartAutomationExecution","ssm-incidents:UpdateIncidentRecord","ssm-incidents:CreateTimelineEvent"],"Resource":"*"}]}""")], [], null, []));
        foreach (var (service, name) in new[] { ("support", "Support"), ("trustedadvisor", "TrustedAdvisor"), ("sso", "SSO") })
        {
            var path = $"/aws-service-role/{service}.amazonaws.com/";
            roles.Add(new($"AWSServiceRoleFor{name}", $"arn:aws:iam::{account}:role{path}AWSServiceRoleFor{name}", path, Trust($$"""{"Service":"{{service}}.amazonaws.com"}"""), [], [], null, []));
        }
        var workloads = Math.Max(0, size.Roles - roles.Count);
        roles.AddRange(Enumerable.Range(0, workloads).Select(i =>
        {
            var service = (i % 4) switch { 0 => "lambda", 1 => "ecs-tasks", 2 => "ssm", _ => "ec2" };
            return new IamRole($"workload-{i}", $"arn:aws:iam::{account}:role/workload-{i}", "/", Trust($$"""{"Service":"{{service}}.amazonaws.com"}"""), Inline(i), Attachments(3), null, []);
        }));
        var groups = Enumerable.Range(0, size.Groups).Select(i => new IamGroup($"group-{i}", $"arn:aws:iam::{account}:group/group-{i}", "/", Inline(i), Attachments(2))).ToList();
        var users = Enumerable.Range(0, size.Users).Select(i => new IamUser($"user-{i}", $"arn:aws:iam::{account}:user/user-{i}", "/", Inline(i), Attachments(2),
            groups.Count == 0 ? [] : [.. Enumerable.Range(0, random.Next(3)).Select(_ => groups[random.Next(groups.Count)].Name).Distinct()],
            size.Policies > 0 && random.Next(10) == 0 ? policies[0].Arn : null, [new Tag("team", $"team-{i % 7}")])).ToList();
        plans = plans.IsDefault ? [] : plans;
        contacts = contacts.IsDefault ? [] : contacts;
        return new AccountInventory(account, "aws", ["us-east-1"], [.. users], [.. groups], [.. roles], [.. policies], plans, contacts,
            plans.IsEmpty ? null : new ReplicationSet($"arn:aws:ssm-incidents::{account}:replication-set/r", "ACTIVE", ["us-east-1"], true), [], $"synthetic {size.Tier}");
    }
}
