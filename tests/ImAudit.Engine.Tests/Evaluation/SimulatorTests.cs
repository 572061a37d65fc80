using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Tests.Evaluation;

public class SimulatorTests
{
    private const string Plan = "arn:aws:ssm-incidents::111122223333:response-plan/Payments";
    private const string Record = "arn:aws:ssm-incidents::111122223333:incident-record/Payments/6cc8bc5e";

    private static SimulationResult Run(PolicyDocument policy, string action, string resource, params (string Key, string Value)[] context) =>
        PolicyEngine.Simulate(new PolicySet([policy]),
            new RequestContext(action, resource, context.Select(c => new KeyValuePair<string, string>(c.Key, c.Value))));

    [Fact]
    public void Explicit_deny_wins_over_any_allow()
    {
        var policy = Policy.Identity("p",
            """{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"*"}""",
            """{"Sid":"NoDelete","Effect":"Deny","Action":"ssm-incidents:Delete*","Resource":"*"}""");

        var result = Run(policy, "ssm-incidents:DeleteResponsePlan", Plan);

        Assert.Equal(Decision.ExplicitDeny, result.Decision);
        Assert.Equal("NoDelete", Assert.Single(result.MatchedStatements).Sid);
        Assert.Equal(Decision.Allowed, Run(policy, "ssm-incidents:GetResponsePlan", Plan).Decision);
    }

    [Fact]
    public void Nothing_allowed_is_an_implicit_deny()
    {
        var policy = Policy.Identity("p", """{"Effect":"Allow","Action":"ssm-contacts:GetContact","Resource":"*"}""");

        var result = Run(policy, "ssm-incidents:GetResponsePlan", Plan);

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Empty(result.MatchedStatements);
    }

    [Fact]
    public void Not_resource_allows_everything_but_the_listed_resources()
    {
        var policy = Policy.Identity("p", """{"Effect":"Allow","Action":"ssm-incidents:GetResponsePlan","NotResource":"arn:aws:ssm-incidents::111122223333:response-plan/Secret*"}""");

        Assert.Equal(Decision.Allowed, Run(policy, "ssm-incidents:GetResponsePlan", Plan).Decision);
        Assert.Equal(Decision.ImplicitDeny, Run(policy, "ssm-incidents:GetResponsePlan", "arn:aws:ssm-incidents::111122223333:response-plan/SecretPlan").Decision);
    }

    [Theory]
    [InlineData("arn:aws:ssm-incidents::111122223333:response-plan/*", Plan, Decision.Allowed)]
    [InlineData("arn:aws:ssm-incidents:*:111122223333:response-plan/*", Plan, Decision.Allowed)]
    // Response plans and incident records have no Region: an ARN pattern with one never matches them.
    [InlineData("arn:aws:ssm-incidents:us-east-1:111122223333:response-plan/*", Plan, Decision.ImplicitDeny)]
    [InlineData("arn:aws:ssm-incidents::111122223333:response-plan/payments", Plan, Decision.ImplicitDeny)]
    [InlineData("arn:aws:ssm-incidents::111122223333:response-plan/Paym?nts", Plan, Decision.Allowed)]
    [InlineData("arn:aws:ssm-incidents::111122223333:response-plan/Paym?", Plan, Decision.ImplicitDeny)]
    [InlineData("arn:aws:ssm-incidents::111122223333:incident-record/Payments/*", Record, Decision.Allowed)]
    public void Matches_region_less_arns_case_sensitively(string pattern, string resource, object expected)
    {
        var policy = Policy.Identity("p", $$"""{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"{{pattern}}"}""");

        Assert.Equal((Decision)expected, Run(policy, "ssm-incidents:GetResponsePlan", resource).Decision);
    }

    [Theory]
    [InlineData("SSM-Incidents:getresponseplan", Decision.Allowed)]
    [InlineData("ssm-incidents:GetResponsePla?", Decision.Allowed)]
    public void Action_names_are_case_insensitive(string allowed, object expected)
    {
        var policy = Policy.Identity("p", $$"""{"Effect":"Allow","Action":"{{allowed}}","Resource":"*"}""");

        Assert.Equal((Decision)expected, Run(policy, "ssm-incidents:GetResponsePlan", Plan).Decision);
    }

    [Fact]
    public void Policy_variables_are_exact_when_given_and_conditional_when_not()
    {
        var policy = Policy.Identity("p", """{"Effect":"Allow","Action":"ssm-incidents:GetResponsePlan","Resource":"arn:aws:ssm-incidents::111122223333:response-plan/${aws:username}"}""");
        const string alicePlan = "arn:aws:ssm-incidents::111122223333:response-plan/alice";

        Assert.Equal(Decision.Allowed, Run(policy, "ssm-incidents:GetResponsePlan", alicePlan, ("aws:username", "alice")).Decision);
        Assert.Equal(Decision.ImplicitDeny, Run(policy, "ssm-incidents:GetResponsePlan", alicePlan, ("aws:username", "bob")).Decision);
        var unknown = Run(policy, "ssm-incidents:GetResponsePlan", alicePlan);
        Assert.Equal((Decision.Allowed, true), (unknown.Decision, unknown.Conditional));
    }

    [Fact]
    public void Ip_conditions_decide_with_the_source_ip()
    {
        var policy = Policy.Identity("p",
            """{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"*"}""",
            """{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:db8::/32"]}}}""");

        Assert.Equal(Decision.Allowed, Run(policy, "ssm-incidents:StartIncident", Plan, ("aws:SourceIp", "203.0.113.9")).Decision);
        Assert.Equal(Decision.ExplicitDeny, Run(policy, "ssm-incidents:StartIncident", Plan, ("aws:SourceIp", "198.51.100.1")).Decision);
        Assert.Equal(Decision.Allowed, Run(policy, "ssm-incidents:StartIncident", Plan, ("aws:SourceIp", "2001:db8::5")).Decision);
        var unknown = Run(policy, "ssm-incidents:StartIncident", Plan);
        Assert.Equal((Decision.Allowed, true), (unknown.Decision, unknown.Conditional));
    }

    [Fact]
    public void A_permissions_boundary_limits_identity_policies()
    {
        var identity = Policy.Identity("identity", """{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"*"}""");
        var boundary = Policy.Identity("boundary", """{"Effect":"Allow","Action":"ssm-incidents:Get*","Resource":"*"}""");
        var set = new PolicySet([identity], [boundary]);

        Assert.Equal(Decision.Allowed, PolicyEngine.Simulate(set, new RequestContext("ssm-incidents:GetResponsePlan", Plan)).Decision);
        Assert.Equal(Decision.ImplicitDeny, PolicyEngine.Simulate(set, new RequestContext("ssm-incidents:DeleteResponsePlan", Plan)).Decision);
    }

    [Fact]
    public void A_resource_policy_alone_does_not_let_another_account_in()
    {
        // Regression (issue 11, class 1): a shared plan was allowed to another account on its resource policy alone.
        var resource = Policy.Resource("plan-policy",
            """{"Effect":"Allow","Principal":{"AWS":"222233334444"},"Action":"ssm-incidents:GetResponsePlan","Resource":"*"}""");
        var identity = Policy.Identity("reader", """{"Effect":"Allow","Action":"ssm-incidents:Get*","Resource":"*"}""");

        var alone = PolicyEngine.Simulate(new PolicySet([], null, resource), new RequestContext("ssm-incidents:GetResponsePlan", Plan, principalArn: "arn:aws:iam::222233334444:role/Responder"));
        var both = PolicyEngine.Simulate(new PolicySet([identity], null, resource), new RequestContext("ssm-incidents:GetResponsePlan", Plan, principalArn: "arn:aws:iam::222233334444:role/Responder"));
        var stranger = PolicyEngine.Simulate(new PolicySet([identity], null, resource), new RequestContext("ssm-incidents:GetResponsePlan", Plan, principalArn: "arn:aws:iam::999988887777:role/Responder"));

        Assert.Equal(Decision.ImplicitDeny, alone.Decision);
        Assert.Equal(Decision.Allowed, both.Decision);
        Assert.Equal(Decision.ImplicitDeny, stranger.Decision);
    }

    [Fact]
    public void An_unknown_condition_on_a_deny_makes_an_allow_conditional()
    {
        var policy = Policy.Identity("p",
            """{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"*"}""",
            """{"Effect":"Deny","Action":"ssm-incidents:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-123"}}}""");

        var result = Run(policy, "ssm-incidents:StartIncident", Plan);

        Assert.Equal((Decision.Allowed, true), (result.Decision, result.Conditional));
        Assert.Contains(result.MatchedStatements, s => s.Effect == Effect.Deny && s.Conditional);
    }
}
