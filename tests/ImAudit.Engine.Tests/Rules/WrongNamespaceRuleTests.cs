using ImAudit.Engine.Findings;
using static ImAudit.Engine.Tests.Rules.RuleHarness;

namespace ImAudit.Engine.Tests.Rules;

public class WrongNamespaceRuleTests
{
    [Theory]
    [InlineData("Allow", "ssm-incidents:GetContact", "ssm-contacts:GetContact", Severity.Medium)]
    [InlineData("Deny", "ssm-contacts:StartIncident", "ssm-incidents:StartIncident", Severity.High)]
    [InlineData("Allow", "ssm-contacts:deleteresponseplan", "ssm-incidents:DeleteResponsePlan", Severity.Medium)]
    [InlineData("Allow", "ssm-incidents:*Contact*", "ssm-contacts:*Contact*", Severity.Medium)]
    public void Flags_actions_of_the_sibling_namespace(string effect, string action, string suggestion, Severity severity)
    {
        var json = Statement(effect, $"[\"ssm-incidents:StartIncident\",\"{action}\"]");

        var finding = Assert.Single(Run("IMA101", json));

        Assert.Equal(severity, finding.Severity);
        Assert.Equal(suggestion, Suggestion(finding));
        Assert.Equal(At(json, 0, "S", "/Statement/0/Action/1", $"\"{action}\""), finding.Location);
    }

    [Fact]
    public void Gives_the_line_and_column_of_the_entry_in_a_formatted_policy()
    {
        var json = """
            {
              "Version": "2012-10-17",
              "Statement": [
                { "Sid": "Read", "Effect": "Allow", "Action": "ssm-contacts:ListContacts", "Resource": "*" },
                {
                  "Sid": "Plans",
                  "Effect": "Allow",
                  "Action": [
                    "ssm-incidents:GetResponsePlan",
                      "ssm-contacts:GetResponsePlan"
                  ],
                  "Resource": "*"
                }
              ]
            }
            """;

        var finding = Assert.Single(Run("IMA101", json));

        Assert.Equal(new FindingLocation(PolicyName, 1, "Plans", "/Statement/1/Action/1", 10, 11), finding.Location);
        Assert.Equal(At(json, 1, "Plans", "/Statement/1/Action/1", "\"ssm-contacts:GetResponsePlan\""), finding.Location);
    }

    [Theory]
    [InlineData("ssm-contacts:GetContact")]
    [InlineData("ssm-incidents:StartIncident")]
    [InlineData("ssm-incidents:*")]
    [InlineData("ssm-contacts:Get*")]
    [InlineData("ssm-incidents:GetNothingAtAll")]
    public void Leaves_correct_and_unrelated_actions_alone(string action) =>
        Assert.Empty(Run("IMA101", Statement("Allow", $"\"{action}\"")));

    [Fact]
    public void Fingerprints_are_stable_and_specific()
    {
        var first = Assert.Single(Run("IMA101", Statement("Allow", "\"ssm-incidents:GetContact\"")));
        var again = Assert.Single(Run("IMA101", Statement("Allow", "\"ssm-incidents:GetContact\"")));
        var other = Assert.Single(Run("IMA101", Statement("Allow", "\"ssm-incidents:GetContactChannel\"")));

        Assert.Equal(first.Fingerprint, again.Fingerprint);
        Assert.NotEqual(first.Fingerprint, other.Fingerprint);
    }
}
