using System.Collections.Immutable;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Organizations;

namespace ImAudit.Engine.Tests.Rules;

/// <summary>Builds small organizations (an account sharing a plan or contact, a member with one role) and runs the organization audit.</summary>
internal static class OrganizationHarness
{
    public const string Central = "111122223333";
    public const string Member = "444455556666";
    public const string OrgId = "o-a1b2c3d4e5";
    public const string Plan = "arn:aws:ssm-incidents::111122223333:response-plan/Payments";
    public const string Contact = "arn:aws:ssm-contacts:us-east-1:111122223333:contact/sev1";
    public const string Responder = "arn:aws:iam::444455556666:role/Responder";

    public static string Share(string principal, string actions, string resources, string condition = "") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"Share","Effect":"Allow","Principal":{{principal}},"Action":{{actions}},"Resource":{{resources}}{{condition}}}]}""";

    public static string Allow(string actions, string resource = "*") => AccountHarness.Allow(actions, resource);

    /// <summary>The account owning <paramref name="resourceArn"/> (a response plan or a contact) with that resource policy.</summary>
    public static AccountInventory Owner(string resourceArn, string policy, params Contact[] more)
    {
        var account = resourceArn.Split(':')[4];
        var name = resourceArn[(resourceArn.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var plans = resourceArn.Contains(":response-plan/", StringComparison.Ordinal)
            ? ImmutableArray.Create(new ResponsePlan(resourceArn, name, null, [], [], [], [new ResourcePolicy("p1", policy, "us-east-1")]))
            : [];
        var contacts = resourceArn.Contains(":contact/", StringComparison.Ordinal)
            ? ImmutableArray.Create(new Contact(resourceArn, name, "ESCALATION", null, [], policy)).AddRange(more)
            : [];
        return new AccountInventory(account, "aws", ["us-east-1"], [], [], [], [], plans, contacts, null, []);
    }

    /// <summary>The account of <paramref name="principalArn"/> with that role (or user) holding the policy, and an optional boundary.</summary>
    public static AccountInventory MemberWith(string principalArn, string? policy, string? boundary = null)
    {
        var account = principalArn.Split(':')[4];
        var name = principalArn[(principalArn.LastIndexOf('/') + 1)..];
        ImmutableArray<InlinePolicy> inline = policy is null ? [] : [new InlinePolicy("inline", policy)];
        var boundaryArn = boundary is null ? null : $"arn:aws:iam::{account}:policy/Boundary";
        ImmutableArray<ManagedPolicy> policies = boundary is null ? [] : [new ManagedPolicy("Boundary", boundaryArn!, "/", "v1", [new PolicyVersion("v1", true, boundary, null)])];
        var isUser = principalArn.Contains(":user/", StringComparison.Ordinal);
        return new AccountInventory(account, "aws", [], isUser ? [new IamUser(name, principalArn, "/", inline, [], [], boundaryArn, [])] : [], [],
            isUser ? [] : [new IamRole(name, principalArn, "/", null, inline, [], boundaryArn, [])], policies, [], [], null, []);
    }

    public static Organization Org(params string[] activeMembers) =>
        new(OrgId, null, Central, [.. activeMembers.Select(m => new OrganizationMember(m, "account-" + m, null, "ACTIVE"))]);

    public static OrganizationReport Audit(IReadOnlyList<AccountInventory> accounts, Organization? organization = null)
    {
        var report = new PolicyEngine(IamCatalog.Default).AuditOrganization(accounts, organization, DateTimeOffset.UnixEpoch);
        Assert.Empty(report.CrossAccountFailures);
        return report;
    }

    /// <summary>The cross-account findings of one rule.</summary>
    public static IReadOnlyList<Finding> Run(string ruleId, IReadOnlyList<AccountInventory> accounts, Organization? organization = null) =>
        RuleRuns.Record(ruleId, [.. Audit(accounts, organization).CrossAccountFindings.Where(f => f.RuleId == ruleId)]);

    /// <summary>A share on <paramref name="resourceArn"/> and the member role's identity policy, in an organization of both accounts.</summary>
    public static IReadOnlyList<Finding> Run(string ruleId, string resourcePolicy, string identityPolicy, string resourceArn = Plan, string principalArn = Responder) =>
        Run(ruleId, [Owner(resourceArn, resourcePolicy), MemberWith(principalArn, identityPolicy)], Org(Central, Member));
}
