using ImAudit.Engine.Catalog;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Rules;
using ImAudit.Engine.Rules.CrossAccount;
using ImAudit.Engine.Tests.Rules;
using static ImAudit.Engine.Tests.Rules.OrganizationHarness;

namespace ImAudit.Engine.Tests.Organizations;

/// <summary>
/// The reach calculator skips principals and actions by effective access and by who a policy can name; the answer must
/// be what simulating every principal of every other account on every action of every shared resource gives.
/// </summary>
public class ReachPrefilterTests
{
    private static readonly string[] Identities =
    [
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"*"}]}""",
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm-incidents:Get*","ssm-contacts:*Engagement"],"Resource":"arn:aws:*:*:111122223333:*"}]}""",
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"},{"Effect":"Deny","Action":"ssm-incidents:Start*","Resource":"*"}]}""",
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm-contacts:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}""",
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""",
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"arn:aws:ssm-incidents::444455556666:*"}]}""",
    ];

    private static AccountInventory Member(string account)
    {
        var roles = Identities.Select((policy, i) => MemberWith($"arn:aws:iam::{account}:role/r{i}", policy).Roles[0]).ToList();
        var bounded = MemberWith($"arn:aws:iam::{account}:role/bounded", Identities[0], """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm-incidents:Get*","Resource":"*"}]}""");
        return bounded with { Roles = [.. roles, .. bounded.Roles] };
    }

    [Fact]
    public void The_prefiltered_reach_is_the_brute_force_reach()
    {
        var plan = Share("""{"AWS":["444455556666","arn:aws:iam::777788889999:role/r0","arn:aws:iam::777788889999:role/r3"]}""",
            """["ssm-incidents:GetResponsePlan","ssm-incidents:StartIncident","ssm-incidents:GetIncidentRecord","ssm-incidents:DeleteIncidentRecord"]""",
            """["arn:aws:ssm-incidents::111122223333:response-plan/Payments","arn:aws:ssm-incidents::111122223333:incident-record/Payments/*"]""");
        var contact = Share("\"*\"", "\"ssm-contacts:*\"", "\"*\"", ""","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}""");
        var owner = Owner(Plan, plan);
        owner = owner with { Contacts = Owner(OrganizationHarness.Contact, contact).Contacts };
        var accounts = new[] { owner, Member("444455556666"), Member("777788889999") }
            .Select(i => new AccountContext(i, IamCatalog.Default)).ToList();
        var context = new OrganizationContext(accounts, Org(Central, "444455556666"));

        var fast = context.Reach.SelectMany(r => r.Actions.Select(a => (r.Principal.Principal.Arn, r.ResourceArn, a.Action.FullName, a.Conditional))).ToHashSet();
        var slow = new HashSet<(string, string, string, bool)>();
        foreach (var share in context.Shares)
        {
            foreach (var account in accounts.Where(a => a.Inventory.AccountId != share.OwnerAccount))
            {
                var id = account.Inventory.AccountId;
                foreach (var principal in account.Principals)
                {
                    foreach (var (action, target) in ReachCalculator.Targets(IamCatalog.Default, share.Resource))
                    {
                        var p = principal.Principal;
                        List<KeyValuePair<string, string>> values = [new("aws:PrincipalAccount", id), new("aws:PrincipalArn", p.Arn)];
                        if (context.Organization.OrgIdOf(id) is { } org)
                            values.Add(new("aws:PrincipalOrgID", org));
                        var result = PolicyEngine.Simulate(new PolicySet(p.Identity, p.Boundary is { } b ? b : null, share.Document), new RequestContext(action.FullName, target, values, principalArn: p.Arn));
                        var identity = result.MatchedStatements.Where(s => s.Role == PolicyRole.Identity && s.Effect == Engine.Policies.Effect.Allow).ToList();
                        var resource = result.MatchedStatements.Where(s => s.Role == PolicyRole.Resource && s.Effect == Engine.Policies.Effect.Allow).ToList();
                        if (result.Decision == Decision.Allowed && identity.Count > 0 && resource.Count > 0)
                            slow.Add((p.Arn, share.Resource.Arn, action.FullName, result.Conditional || identity.All(s => s.Conditional) || resource.All(s => s.Conditional)));
                    }
                }
            }
        }

        Assert.NotEmpty(slow);
        Assert.Equal(slow.Order(), fast.Order());
    }

    // The account prefilter must never skip an account a grant can match: every (entry, caller) pair the matcher does
    // not rule out has the caller's account among the accounts the entry names (or the entry names every account).
    [Theory]
    [InlineData("\"*\"")]
    [InlineData("{\"AWS\":\"*\"}")]
    [InlineData("{\"AWS\":\"444455556666\"}")]
    [InlineData("{\"AWS\":\"arn:aws:iam::444455556666:root\"}")]
    [InlineData("{\"AWS\":[\"arn:aws:iam::444455556666:role/r0\",\"arn:aws:sts::777788889999:assumed-role/r1/s\"]}")]
    [InlineData("{\"AWS\":\"arn:aws:iam::777788889999:user/u\"}")]
    [InlineData("{\"AWS\":\"arn:aws:iam::77778888999*:root\"}")]
    [InlineData("{\"Service\":\"ssm-incidents.amazonaws.com\"}")]
    [InlineData("{\"Service\":\"*\"}")]
    [InlineData("{\"Federated\":\"arn:aws:iam::444455556666:role/r0\"}")]
    [InlineData("{\"CanonicalUser\":\"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be\"}")]
    public void The_account_prefilter_keeps_every_account_a_grant_can_match(string principal)
    {
        var grant = Policy.Resource("share", $$"""{"Effect":"Allow","Principal":{{principal}},"Action":"ssm-incidents:*","Resource":"*"}""").Statements[0];
        string[] callers =
        [
            "arn:aws:iam::444455556666:root", "arn:aws:iam::444455556666:role/r0", "arn:aws:iam::444455556666:role/path/r0",
            "arn:aws:sts::444455556666:assumed-role/r0/s", "arn:aws:iam::777788889999:role/r1", "arn:aws:sts::777788889999:assumed-role/r1/s",
            "arn:aws:iam::777788889999:user/u", "arn:aws:sts::777788889999:federated-user/u", "arn:aws:iam::111122223333:role/r0",
        ];

        var named = ReachCalculator.NamedAccounts([grant]);

        foreach (var caller in callers.Select(c => Caller.Parse(c)!))
        {
            if (PrincipalMatcher.Match(grant.Principal!, caller).Matches != Engine.Matching.Tristate.False)
                Assert.True(named is null || named.Contains(caller.AccountId!), $"{principal} matches {caller.Arn}, not kept by the prefilter");
        }
        Assert.Equal(principal.Contains("\"*\"", StringComparison.Ordinal) && !principal.Contains("Service", StringComparison.Ordinal), named is null);
    }
}
