using ImAudit.Engine.Baselines;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Rules;

public class ManagedPolicyVersionChangedRuleTests
{
    private static string Version(string id) => ManagedBaselines.Find($"AWSIncidentManagerResolverAccess@{id}")!.DocumentJson;

    [Fact]
    public void Resolver_access_moving_from_v1_to_v2_names_start_engagement_and_who_holds_it()
    {
        var finding = Assert.Single(DriftBetween("IMA601", WithResolverAccess(Version("v1"), "v1"), WithResolverAccess(Version("v2"), "v2")));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal("arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess", finding.Resource);
        Assert.Contains("moved from v1 to v2", finding.Message, StringComparison.Ordinal);
        Assert.Contains("adds `ssm-contacts:StartEngagement`", finding.Message, StringComparison.Ordinal);
        Assert.Contains("(`example`)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_matching_no_known_version_is_reported_even_without_a_move()
    {
        var odd = Allow("[\"ssm-incidents:StartIncident\",\"ssm-incidents:DeleteResponsePlan\"]");

        var finding = Assert.Single(DriftBetween("IMA601", WithResolverAccess(odd, "v9"), WithResolverAccess(odd, "v9")));

        Assert.Contains("matches none of the 4 versions ImAudit knows (v1–v4)", finding.Message, StringComparison.Ordinal);
        Assert.Contains("`ssm-incidents:DeleteResponsePlan`", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_version_that_stayed_and_an_aws_policy_without_incident_manager_access_are_quiet()
    {
        Assert.Empty(DriftBetween("IMA601", WithResolverAccess(Version("v2"), "v2"), WithResolverAccess(Version("v2"), "v2")));
        AccountInventory S3(string actions, string version) => Account([User("ana", attached: ["AmazonS3ReadOnlyAccess"])]) with
        {
            Policies = [new ManagedPolicy("AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "/", version, [new PolicyVersion(version, true, Allow(actions), null)])],
        };
        Assert.Empty(DriftBetween("IMA601", S3("\"s3:Get*\"", "v1"), S3("[\"s3:Get*\",\"s3:List*\"]", "v2")));
    }
}
