using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Tests.Evaluation;

/// <summary>
/// Who a resource policy's <c>Principal</c> reaches, and what else IAM requires (issue 11's four classes, each named;
/// docs/engine.md "Evaluation" cites the AWS pages).
/// </summary>
public class PrincipalSemanticsTests
{
    private const string Central = "111122223333";
    private const string Member = "444455556666";
    private const string Plan = "arn:aws:ssm-incidents::111122223333:response-plan/Payments";
    private const string Start = "ssm-incidents:StartIncident";
    private const string Session = "arn:aws:sts::111122223333:assumed-role/Responder/alice";
    private const string MemberRole = "arn:aws:iam::444455556666:role/Responder";

    private static readonly PolicyDocument AllowIncidents = Policy.Identity("incidents", """{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"*"}""");
    private static readonly PolicyDocument AllowS3 = Policy.Identity("s3", """{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""");

    private static SimulationResult Run(string principal, PolicyDocument? resource, IReadOnlyList<PolicyDocument> identity,
        IReadOnlyList<PolicyDocument>? boundary = null, string action = Start, params (string Key, string Value)[] context) =>
        PolicyEngine.Simulate(new PolicySet(identity, boundary, resource),
            new RequestContext(action, Plan, context.Select(c => new KeyValuePair<string, string>(c.Key, c.Value)), principalArn: principal));

    private static PolicyDocument Share(string principal, string effect = "Allow", string element = "Principal", string condition = "") =>
        Policy.Resource("plan-policy", $$"""{"Sid":"S","Effect":"{{effect}}","{{element}}":{{principal}},"Action":"ssm-incidents:*","Resource":"*"{{condition}}}""");

    // Class 1: a cross-account request needs both halves.
    [Theory]
    [InlineData(true, true, Decision.Allowed)]
    [InlineData(true, false, Decision.ImplicitDeny)]
    [InlineData(false, true, Decision.ImplicitDeny)]
    public void Cross_account_requests_need_identity_and_resource_policy(bool identityAllows, bool resourceAllows, object expected)
    {
        var resource = resourceAllows ? Share($"{{\"AWS\":\"{Member}\"}}") : Share("{\"AWS\":\"999988887777\"}");

        var result = Run(MemberRole, resource, [identityAllows ? AllowIncidents : AllowS3]);

        Assert.Equal((Decision)expected, result.Decision);
        Assert.True(result.CrossAccount);
        if ((Decision)expected == Decision.Allowed)
            Assert.Equal([PolicyRole.Identity, PolicyRole.Resource], result.DecidedBy.ToArray());
        else
            Assert.Equal(identityAllows ? [PolicyRole.Resource] : [PolicyRole.Identity], result.DecidedBy.ToArray());
    }

    [Fact]
    public void Cross_account_identity_allow_is_limited_by_the_callers_boundary()
    {
        var result = Run(MemberRole, Share($"{{\"AWS\":\"{Member}\"}}"), [AllowIncidents], [AllowS3]);

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Contains(PolicyRole.PermissionsBoundary, result.DecidedBy);
    }

    [Fact]
    public void Cross_account_without_a_resource_policy_is_denied()
    {
        var result = Run(MemberRole, null, [AllowIncidents]);

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Contains("no resource policy of account 111122223333 was given", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"444455556666\"")]
    [InlineData("{\"AWS\":\"arn:aws:iam::444455556666:root\"}")]
    [InlineData("{\"AWS\":\"arn:aws:iam::444455556666:role/Responder\"}")]
    public void A_resource_deny_naming_the_callers_account_or_role_wins_across_accounts(string principal)
    {
        var allow = Policy.Resource("plan-policy",
            """{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"ssm-incidents:*","Resource":"*"}""",
            $$"""{"Effect":"Deny","Principal":{{(principal.StartsWith('{') ? principal : $"{{\"AWS\":{principal}}}")}},"Action":"ssm-incidents:StartIncident","Resource":"*"}""");

        Assert.Equal(Decision.ExplicitDeny, Run(MemberRole, allow, [AllowIncidents]).Decision);
    }

    // Class 2: an account principal in a same-account resource policy delegates to the account's IAM.
    [Theory]
    [InlineData("\"111122223333\"")]
    [InlineData("{\"AWS\":\"arn:aws:iam::111122223333:root\"}")]
    public void An_account_principal_delegates_to_the_accounts_identity_policies(string principal)
    {
        var resource = Share(principal.StartsWith('{') ? principal : $"{{\"AWS\":{principal}}}");

        var without = Run("arn:aws:iam::111122223333:user/bob", resource, [AllowS3]);
        var with = Run("arn:aws:iam::111122223333:user/bob", resource, [AllowIncidents]);

        Assert.Equal(Decision.ImplicitDeny, without.Decision);
        Assert.Contains("only delegates", without.Reason, StringComparison.Ordinal);
        Assert.Equal(Decision.Allowed, with.Decision);
        Assert.Equal([PolicyRole.Identity], with.DecidedBy.ToArray());
    }

    // Class 3: a role ARN covers the role's sessions, for allows and denies.
    [Fact]
    public void A_role_arn_matches_the_roles_sessions()
    {
        var resource = Policy.Resource("plan-policy",
            """{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/Responder"},"Action":"ssm-incidents:*","Resource":"*"}""",
            """{"Sid":"NoDelete","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:role/Responder"},"Action":"ssm-incidents:Delete*","Resource":"*"}""");

        var start = Run(Session, resource, [AllowS3]);
        var delete = Run(Session, resource, [AllowIncidents], action: "ssm-incidents:DeleteResponsePlan");
        var other = Run("arn:aws:sts::111122223333:assumed-role/Other/alice", resource, [AllowS3]);

        Assert.Equal(Decision.Allowed, start.Decision);
        Assert.Equal(PrincipalReach.Identity, Assert.Single(start.MatchedStatements).Reach);
        Assert.Equal(Decision.ExplicitDeny, delete.Decision);
        Assert.Equal("NoDelete", Assert.Single(delete.MatchedStatements).Sid);
        Assert.Equal(Decision.ImplicitDeny, other.Decision);
    }

    [Fact]
    public void A_role_arn_with_a_path_matches_sessions_by_role_name()
    {
        var resource = Share("{\"AWS\":\"arn:aws:iam::111122223333:role/ops/Responder\"}");

        Assert.Equal(Decision.Allowed, Run(Session, resource, []).Decision);
    }

    [Fact]
    public void A_grant_to_the_role_is_limited_by_the_boundary_a_grant_to_the_session_is_not()
    {
        var toRole = Share("{\"AWS\":\"arn:aws:iam::111122223333:role/Responder\"}");
        var toSession = Share($"{{\"AWS\":\"{Session}\"}}");

        Assert.Equal(Decision.ImplicitDeny, Run(Session, toRole, [], [AllowS3]).Decision);
        Assert.Equal(Decision.Allowed, Run(Session, toRole, [], [AllowIncidents]).Decision);
        Assert.Equal(Decision.Allowed, Run(Session, toSession, [], [AllowS3]).Decision);
    }

    [Fact]
    public void A_caller_given_as_a_role_is_any_session_of_it()
    {
        var toSession = Share($"{{\"AWS\":\"{Session}\"}}");
        var toRole = Share("{\"AWS\":\"arn:aws:iam::111122223333:role/Responder\"}");

        var some = Run("arn:aws:iam::111122223333:role/Responder", toSession, []);

        Assert.Equal((Decision.Allowed, true), (some.Decision, some.Conditional));
        Assert.Equal(Decision.Allowed, Run("arn:aws:iam::111122223333:role/Responder", toRole, []).Decision);
    }

    // Class 4: Deny with NotPrincipal always denies a principal that has a permissions boundary.
    [Fact]
    public void Deny_with_not_principal_always_denies_a_principal_with_a_boundary()
    {
        var resource = Share($"{{\"AWS\":[\"arn:aws:iam::111122223333:root\",\"arn:aws:iam::111122223333:role/Responder\",\"{Session}\"]}}", "Deny", "NotPrincipal");

        Assert.Equal(Decision.Allowed, Run(Session, resource, [AllowIncidents]).Decision);
        Assert.Equal(Decision.ExplicitDeny, Run(Session, resource, [AllowIncidents], [AllowIncidents]).Decision);
    }

    [Theory]
    // Account, role and session listed: exempt. Nothing of the caller's listed: denied.
    [InlineData("[\"arn:aws:iam::111122223333:root\",\"arn:aws:iam::111122223333:role/Responder\",\"arn:aws:sts::111122223333:assumed-role/Responder/alice\"]", Decision.Allowed, false)]
    [InlineData("[\"arn:aws:iam::111122223333:root\",\"arn:aws:iam::111122223333:role/Admin\"]", Decision.ExplicitDeny, false)]
    [InlineData("\"111122223333\"", Decision.ExplicitDeny, false)]
    [InlineData("\"arn:aws:iam::999988887777:root\"", Decision.ExplicitDeny, false)]
    // Part of the chain listed: AWS may check the account first, then the role, then the session (NotPrincipal page).
    [InlineData("[\"arn:aws:iam::111122223333:root\",\"arn:aws:iam::111122223333:role/Responder\"]", Decision.Allowed, true)]
    [InlineData("\"arn:aws:iam::111122223333:role/Responder\"", Decision.Allowed, true)]
    public void Not_principal_by_account_role_and_session(string listed, object expected, bool conditional)
    {
        var resource = Share($"{{\"AWS\":{listed}}}", "Deny", "NotPrincipal");

        var result = Run(Session, resource, [AllowIncidents]);

        Assert.Equal(((Decision)expected, conditional), (result.Decision, result.Conditional));
    }

    [Theory]
    [InlineData("aws:PrincipalOrgID", "o-a1b2c3d4e5", "o-a1b2c3d4e5", Decision.Allowed)]
    [InlineData("aws:PrincipalOrgID", "o-a1b2c3d4e5", "o-zzzzzzzzzz", Decision.ImplicitDeny)]
    [InlineData("aws:PrincipalAccount", "444455556666", null, Decision.Allowed)]
    [InlineData("aws:PrincipalAccount", "999988887777", null, Decision.ImplicitDeny)]
    public void Everyone_pinned_by_organization_or_account(string key, string pinned, string? orgOfCaller, object expected)
    {
        var resource = Share("\"*\"", condition: $$$""","Condition":{"StringEquals":{"{{{key}}}":"{{{pinned}}}"}}""");
        (string, string)[] context = orgOfCaller is null ? [] : [("aws:PrincipalOrgID", orgOfCaller)];

        var result = Run(MemberRole, resource, [AllowIncidents], context: context);

        // aws:PrincipalAccount comes from the caller's ARN; aws:PrincipalOrgID from the context.
        Assert.Equal(((Decision)expected, false), (result.Decision, result.Conditional));
    }

    [Fact]
    public void Everyone_in_the_same_account_needs_no_identity_policy()
    {
        var result = Run(Session, Share("\"*\""), []);

        Assert.Equal(Decision.Allowed, result.Decision);
        Assert.Equal([PolicyRole.Resource], result.DecidedBy.ToArray());
    }

    [Theory]
    [InlineData("ssm-incidents.amazonaws.com", Decision.Allowed)]
    [InlineData("ssm-contacts.amazonaws.com", Decision.ImplicitDeny)]
    public void Service_principals_match_by_name_and_have_no_identity_policies(string caller, object expected)
    {
        var resource = Share("{\"Service\":\"ssm-incidents.amazonaws.com\"}");

        Assert.Equal((Decision)expected, Run(caller, resource, [AllowIncidents]).Decision);
    }

    [Fact]
    public void The_callers_global_keys_come_from_its_arn_unless_the_context_says_otherwise()
    {
        var identity = Policy.Identity("p", """{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"*","Condition":{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/Responder"}}}""");

        Assert.Equal((Decision.Allowed, false), Pair(Run(Session, null, [identity])));
        Assert.Equal(Decision.ImplicitDeny, Run(Session, null, [identity], context: ("aws:PrincipalArn", "arn:aws:iam::111122223333:role/Other")).Decision);
        Assert.Equal("AssumedRole", new RequestContext(Start, Plan, principalArn: Session).Lookup("aws:PrincipalType")?.Single());
    }

    [Fact]
    public void A_user_is_not_a_session_and_an_unknown_principal_shape_matches_nothing()
    {
        var resource = Share("{\"AWS\":[\"arn:aws:iam::111122223333:user/bob\",\"AROAEXAMPLEID12345678\"]}");

        Assert.Equal(Decision.Allowed, Run("arn:aws:iam::111122223333:user/bob", resource, []).Decision);
        Assert.Equal(Decision.ImplicitDeny, Run("arn:aws:iam::111122223333:user/alice", resource, []).Decision);
        Assert.Equal(Decision.ImplicitDeny, Run(Session, resource, []).Decision);
    }

    private static (Decision, bool) Pair(SimulationResult result) => (result.Decision, result.Conditional);
}
