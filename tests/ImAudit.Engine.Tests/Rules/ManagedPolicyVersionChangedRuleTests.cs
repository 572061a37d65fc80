using System.Globalization;
using ImAudit.Engine.Baselines;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.ManagedPolicies;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Rules;

public class ManagedPolicyVersionChangedRuleTests
{
    private static string Version(string id) => ManagedBaselines.Find($"AWSIncidentManagerResolverAccess@{id}")!.DocumentJson;

    private static string DataDate => ManagedPolicyLibrary.DataVersion.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A user "example" holding the AWS managed policy <paramref name="name"/>, whose default version is the one given.</summary>
    private static AccountInventory Holding(string name, string document, string versionId) =>
        Account([User("example", attached: [name])]) with
        {
            Policies = [new ManagedPolicy(name, $"arn:aws:iam::aws:policy/{name}", "/", versionId, [new PolicyVersion(versionId, true, document, null)])],
        };

    private static string Known(string name, string versionId) => ManagedPolicyLibrary.History(name).Single(v => v.VersionId == versionId).DocumentJson;

    [Fact]
    public void Resolver_access_moving_from_v1_to_v2_names_start_engagement_and_who_holds_it()
    {
        var finding = Assert.Single(DriftBetween("IMA601", WithResolverAccess(Version("v1"), "v1"), WithResolverAccess(Version("v2"), "v2")));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal("arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess", finding.Resource);
        Assert.Contains("moved from v1 to v2", finding.Message, StringComparison.Ordinal);
        // Drift of an AWS managed policy's default version: the whole document moved, so no location.
        Assert.Null(finding.Location);
        Assert.Contains("adds `ssm-contacts:StartEngagement`", finding.Message, StringComparison.Ordinal);
        Assert.Contains("(`example`)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_matching_no_known_version_is_reported_even_without_a_move()
    {
        var odd = Allow("[\"ssm-incidents:StartIncident\",\"ssm-incidents:DeleteResponsePlan\"]");

        var finding = Assert.Single(DriftBetween("IMA601", WithResolverAccess(odd, "v9"), WithResolverAccess(odd, "v9")));

        Assert.Contains($"matches none of the 4 versions ImAudit knows (v1–v4, as of {DataDate})", finding.Message, StringComparison.Ordinal);
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

    [Fact]
    public void Power_user_access_moving_between_versions_is_reported_though_it_is_no_incident_manager_policy()
    {
        var history = ManagedPolicyLibrary.History("PowerUserAccess");
        var (older, newer) = (history[^2], history[^1]);

        var finding = Assert.Single(DriftBetween("IMA601", Holding("PowerUserAccess", older.DocumentJson, older.VersionId), Holding("PowerUserAccess", newer.DocumentJson, newer.VersionId)));

        Assert.Equal("arn:aws:iam::aws:policy/PowerUserAccess", finding.Resource);
        Assert.Contains($"moved from {older.VersionId} to {newer.VersionId} since the previous run", finding.Message, StringComparison.Ordinal);
        Assert.Contains("(`example`)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Administrator_access_changed_by_aws_beyond_imaudits_copy_is_reported_without_a_previous_move()
    {
        // As if AWS published a v2 that denies deleting response plans: no version ImAudit knows gives that access.
        var changed = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"ssm-incidents:DeleteResponsePlan","Resource":"*"}]}""";

        var finding = Assert.Single(DriftBetween("IMA601", Holding("AdministratorAccess", changed, "v2"), Holding("AdministratorAccess", changed, "v2")));

        Assert.Contains($"`AdministratorAccess` (default version v2) matches none of the 1 version ImAudit knows (v1, as of {DataDate}): removes `ssm-incidents:DeleteResponsePlan`", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AWSIncidentManagerResolverAccess", "v1")] // lacks v4's ssm-contacts:StartEngagement: known only through the history
    [InlineData("ReadOnlyAccess", "v140")]
    [InlineData("PowerUserAccess", "v1")]
    public void An_older_version_in_the_history_that_stayed_is_quiet(string name, string versionId)
    {
        var document = Known(name, versionId);

        Assert.Empty(DriftBetween("IMA601", Holding(name, document, versionId), Holding(name, document, versionId)));
    }

    [Fact]
    public void A_known_document_laid_out_differently_is_known_and_one_unknown_to_the_copy_is_only_judged_on_moves()
    {
        var spaced = Known("AdministratorAccess", "v1").Replace(",", ",\n  ", StringComparison.Ordinal);
        var custom = Allow("\"ssm-incidents:*\"");

        Assert.Empty(DriftBetween("IMA601", Holding("AdministratorAccess", spaced, "v1"), Holding("AdministratorAccess", spaced, "v1")));
        Assert.Empty(DriftBetween("IMA601", Holding("NotKnownToImAudit", custom, "v1"), Holding("NotKnownToImAudit", custom, "v1")));
    }
}
