using ImAudit.Engine.Access;
using ImAudit.Engine.Baselines;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Tests.Access;

public class CompareTests
{
    private static readonly PolicyEngine Engine = new(IamCatalog.Default);

    private static ComparisonResult Compare(PolicyDocument policy, string baseline)
    {
        var version = ManagedBaselines.Find(baseline)!;
        return Engine.Compare(new PolicySet([policy]), new PolicySet([version.Document]), version.QualifiedName);
    }

    [Fact]
    public void Ssm_incidents_star_exceeds_resolver_access_by_exactly_what_it_lacks()
    {
        var policy = Policy.Identity("admin", """{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"*"}""");
        var baselineActions = ManagedBaselines.Find("AWSIncidentManagerResolverAccess")!.Document.Statements
            .SelectMany(s => s.Actions.Entries).Select(e => e.Text).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var result = Compare(policy, "AWSIncidentManagerResolverAccess");

        var expected = IamCatalog.Default.FindService("ssm-incidents")!.Actions
            .Select(a => a.FullName).Where(a => !baselineActions.Contains(a)).Order(StringComparer.Ordinal);
        Assert.False(result.IsSubset);
        Assert.Equal("AWSIncidentManagerResolverAccess@v4", result.Baseline);
        Assert.Equal(expected, result.Excess.Select(e => e.Action.FullName));
        Assert.Equal(18, result.Excess.Length);
        Assert.All(result.Excess, e => Assert.Equal("*", Assert.Single(e.Grants).Display));
    }

    [Fact]
    public void Resolver_access_v2_exceeds_v1_by_exactly_start_engagement()
    {
        var v2 = ManagedBaselines.Find("AWSIncidentManagerResolverAccess@v2")!.Document;

        var result = Compare(v2, "AWSIncidentManagerResolverAccess@v1");

        Assert.Equal("ssm-contacts:StartEngagement", Assert.Single(result.Excess).Action.FullName);
        Assert.True(Compare(v2, "AWSIncidentManagerResolverAccess@v4").IsSubset);
    }

    [Fact]
    public void Excess_names_the_statements_that_grant_it()
    {
        var policy = Policy.Identity("responders",
            """{"Sid":"Read","Effect":"Allow","Action":"ssm-incidents:Get*","Resource":"*"}""",
            """{"Sid":"Oops","Effect":"Allow","Action":["ssm-incidents:DeleteResponsePlan"],"Resource":"arn:aws:ssm-incidents::111122223333:response-plan/*"}""");

        var result = Compare(policy, "AWSIncidentManagerResolverAccess");

        var delete = Assert.Single(result.Excess, e => e.Action.Name == "DeleteResponsePlan");
        Assert.Equal(AccessLevel.Write, delete.Action.AccessLevel);
        Assert.Equal(new GrantSource("responders", 1, "Oops"), Assert.Single(Assert.Single(delete.Grants).Sources));
        Assert.Equal(["ssm-incidents:DeleteResponsePlan", "ssm-incidents:GetReplicationSet", "ssm-incidents:GetResourcePolicies"], result.Excess.Select(e => e.Action.FullName));
    }

    [Fact]
    public void Unconditional_denies_and_boundaries_shrink_effective_access()
    {
        var policy = Policy.Identity("p",
            """{"Effect":"Allow","Action":["ssm-incidents:*","ssm-contacts:*"],"Resource":"*"}""",
            """{"Effect":"Deny","Action":"ssm-contacts:*","Resource":"*"}""",
            """{"Effect":"Deny","Action":"ssm-incidents:Delete*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}""");
        var boundary = Policy.Identity("b", """{"Effect":"Allow","Action":["ssm-incidents:Get*","ssm-incidents:Delete*"],"Resource":"*"}""");

        var access = Engine.EffectiveAccess(new PolicySet([policy], [boundary]));

        Assert.DoesNotContain(access.Actions, a => a.Action.Service == "ssm-contacts");
        Assert.Contains(access.Actions, a => a.Action.Name == "DeleteResponsePlan");
        Assert.All(access.Actions, a => Assert.Matches("^(Get|Delete)", a.Action.Name));
    }

    [Fact]
    public void A_partial_deny_becomes_an_exception_of_the_grant()
    {
        var policy = Policy.Identity("p",
            """{"Effect":"Allow","Action":"ssm-incidents:GetResponsePlan","Resource":"*"}""",
            """{"Effect":"Deny","Action":"ssm-incidents:GetResponsePlan","Resource":"arn:aws:ssm-incidents::111122223333:response-plan/Secret"}""");

        var grant = Assert.Single(Assert.Single(Engine.EffectiveAccess(new PolicySet([policy])).Actions).Grants);

        Assert.Equal("* except arn:aws:ssm-incidents::111122223333:response-plan/Secret", grant.Display);
    }

    [Fact]
    public void A_conditional_grant_is_flagged_and_covered_only_by_any_baseline_grant()
    {
        var policy = Policy.Identity("p", """{"Effect":"Allow","Action":"ssm-incidents:StartIncident","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}""");

        var access = Engine.EffectiveAccess(new PolicySet([policy]));

        Assert.True(Assert.Single(access.Actions).IsConditional);
        Assert.True(Compare(policy, "AWSIncidentManagerResolverAccess").IsSubset);
    }

    [Fact]
    public void Resource_scoped_grants_are_covered_by_wider_baseline_patterns_only()
    {
        var scoped = Policy.Identity("scoped", """{"Effect":"Allow","Action":"ssm-incidents:GetResponsePlan","Resource":"arn:aws:ssm-incidents::111122223333:response-plan/P*"}""");
        var baseline = Policy.Identity("base", """{"Effect":"Allow","Action":"ssm-incidents:GetResponsePlan","Resource":"arn:aws:ssm-incidents::*:response-plan/*"}""");

        Assert.True(Engine.Compare(new PolicySet([scoped]), new PolicySet([baseline]), "base").IsSubset);
        Assert.False(Engine.Compare(new PolicySet([baseline]), new PolicySet([scoped]), "scoped").IsSubset);
    }
}
