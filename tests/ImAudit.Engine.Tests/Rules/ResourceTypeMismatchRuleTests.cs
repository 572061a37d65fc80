using ImAudit.Engine.Findings;
using static ImAudit.Engine.Tests.Rules.RuleHarness;

namespace ImAudit.Engine.Tests.Rules;

public class ResourceTypeMismatchRuleTests
{
    [Theory]
    // Response plans and incident records have no Region.
    [InlineData("Allow", "ssm-incidents:GetResponsePlan", "arn:aws:ssm-incidents:us-east-1:111122223333:response-plan/Payments", Severity.Medium)]
    // The other namespace's ARN.
    [InlineData("Deny", "ssm-incidents:StartIncident", "arn:aws:ssm-contacts:us-east-1:111122223333:contact/oncall", Severity.High)]
    // A wrong resource-type word.
    [InlineData("Allow", "ssm-incidents:DeleteResponsePlan", "arn:aws:ssm-incidents::111122223333:responseplan/Payments", Severity.Medium)]
    // A response-plan name never holds a slash.
    [InlineData("Allow", "ssm-incidents:UpdateResponsePlan", "arn:aws:ssm-incidents:*:111122223333:response-plan/exampleplan/*", Severity.Medium)]
    // Listing actions work only with "*".
    [InlineData("Allow", "ssm-incidents:ListResponsePlans", "arn:aws:ssm-incidents:::*", Severity.Medium)]
    // Contacts do have a Region: a Region-less contact ARN matches nothing.
    [InlineData("Allow", "ssm-contacts:GetContact", "arn:aws:ssm-contacts::111122223333:contact/oncall", Severity.Medium)]
    [InlineData("Allow", "ssm-incidents:*", "arn:aws:ssm-contacts:*:*:contact/*", Severity.Medium)]
    public void Flags_resources_the_action_can_never_apply_to(string effect, string action, string resource, Severity severity)
    {
        var json = Statement(effect, $"\"{action}\"", resource);

        var finding = Assert.Single(Run("IMA105", json));

        Assert.Equal(severity, finding.Severity);
        Assert.Equal(At(json, 0, "S", "/Statement/0/Resource", $"\"{resource}\""), finding.Location);
    }

    [Theory]
    [InlineData("ssm-incidents:GetResponsePlan", "arn:aws:ssm-incidents::111122223333:response-plan/Payments")]
    [InlineData("ssm-incidents:GetResponsePlan", "arn:aws:ssm-incidents:*:111122223333:response-plan/*")]
    [InlineData("ssm-incidents:GetIncidentRecord", "arn:aws:ssm-incidents::111122223333:incident-record/Payments/*")]
    [InlineData("ssm-incidents:ListResponsePlans", "*")]
    [InlineData("ssm-contacts:StartEngagement", "arn:aws:ssm-contacts:us-east-1:111122223333:contact/oncall")]
    [InlineData("ssm-incidents:UpdateResponsePlan", "arn:aws:ssm-incidents::111122223333:response-plan/${aws:username}")]
    // A wildcard action some of whose actions apply is a deliberate scope, not a mistake.
    [InlineData("ssm-incidents:*", "arn:aws:ssm-incidents:*:*:*")]
    // Other services are not this rule's business.
    [InlineData("s3:GetObject", "arn:aws:ssm-incidents:::*")]
    public void Leaves_resources_that_can_match_alone(string action, string resource) =>
        Assert.Empty(Run("IMA105", Statement("Allow", $"\"{action}\"", resource)));

    [Fact]
    public void One_finding_per_statement_lists_every_action_that_misses()
    {
        var json = Statement("Allow", """["ssm-incidents:GetResponsePlan","ssm-incidents:ListResponsePlans","ssm-incidents:StartIncident"]""", "arn:aws:ssm-incidents:us-east-1:111122223333:response-plan/P");

        var finding = Assert.Single(Run("IMA105", json));

        var actions = Assert.IsType<ListDetail>(finding.Details.Entries.Single(e => e.Key == "actions").Value);
        Assert.Equal(3, actions.Items.Length);
        Assert.StartsWith("3 Incident Manager actions", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_that_fits_one_action_of_several_does_not_excuse_the_others()
    {
        var json = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm-incidents:GetResponsePlan","ssm-incidents:GetIncidentRecord"],"Resource":["arn:aws:ssm-incidents::111122223333:response-plan/P","arn:aws:ssm-incidents::111122223333:incident-record/P/*"]}]}""";

        Assert.Empty(Run("IMA105", json));
    }
}
