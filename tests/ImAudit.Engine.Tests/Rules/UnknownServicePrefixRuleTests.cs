using ImAudit.Engine.Findings;
using static ImAudit.Engine.Tests.Rules.RuleHarness;

namespace ImAudit.Engine.Tests.Rules;

public class UnknownServicePrefixRuleTests
{
    [Theory]
    [InlineData("ssm-incident:StartIncident", "ssm-incidents:StartIncident")]
    [InlineData("ssmincidents:ListResponsePlans", "ssm-incidents:ListResponsePlans")]
    [InlineData("ssm_incidents:GetResponsePlan", "ssm-incidents:GetResponsePlan")]
    [InlineData("incident-manager:StartIncident", "ssm-incidents:StartIncident")]
    [InlineData("incidentmanager:GetContact", "ssm-contacts:GetContact")]
    [InlineData("ssm-contact:GetContact", "ssm-contacts:GetContact")]
    [InlineData("ssmcontacts:StartEngagement", "ssm-contacts:StartEngagement")]
    [InlineData("ssm-contact:Get*", "ssm-contacts:Get*")]
    [InlineData("s4:GetObject", "s3:GetObject")]
    // Regression (issue 13): spelling distance suggested `ecr:ListClusters` for EMR, whose prefix is elasticmapreduce.
    [InlineData("emr:ListClusters", "elasticmapreduce:ListClusters")]
    [InlineData("stepfunctions:StartExecution", "states:StartExecution")]
    public void Suggests_the_prefix_meant(string action, string suggestion)
    {
        var json = Statement("Allow", $"\"{action}\"");

        var finding = Assert.Single(Run("IMA103", json));

        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Equal(At(json, 0, "S", "/Statement/0/Action", $"\"{action}\""), finding.Location);
        Assert.Equal(suggestion, Suggestion(finding));
    }

    [Fact]
    public void Is_medium_in_a_deny_and_has_no_suggestion_for_nonsense()
    {
        var finding = Assert.Single(Run("IMA103", Statement("Deny", "\"qqqqqqqqqq:Start\"")));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Null(Suggestion(finding));
    }

    [Theory]
    [InlineData("ssm-incidents:StartIncident")]
    [InlineData("ssm*:*")]
    [InlineData("*")]
    public void Leaves_known_prefixes_alone(string action) => Assert.Empty(Run("IMA103", Statement("Allow", $"\"{action}\"")));

    [Theory]
    [InlineData("iot1click:ListProjects")]
    [InlineData("deepcomposer:Get*")]
    [InlineData("gamesparks:GetGame")]
    public void Retired_services_are_named_and_only_informational(string action)
    {
        // ReadOnlyAccess v188 (2026) still lists iot1click and deepcomposer actions.
        var finding = Assert.Single(Run("IMA103", Statement("Allow", $"\"{action}\"")));

        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Contains("a retired AWS service", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_retired_service_is_reported_once_per_document_with_its_count()
    {
        // Regression (issue 13): IMA103 fired 3,191 times over the AWS managed policies, once per retired action.
        var json = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iot1click:ListProjects","iot1click:GetDevice","deeplens:Get*"],"Resource":"*"},{"Effect":"Allow","Action":"iot1click:ListDevices","Resource":"*"}]}""";

        var findings = Run("IMA103", json);

        Assert.Equal(2, findings.Count);
        var iot = Assert.Single(findings, f => f.Message.Contains("`iot1click`", StringComparison.Ordinal));
        // The first entry that names the service stands for the document's others.
        Assert.Equal(At(json, 0, null, "/Statement/0/Action/0", "\"iot1click:ListProjects\""), iot.Location);
        Assert.Contains("3 action entries of this document name it", iot.Message, StringComparison.Ordinal);
    }
}
