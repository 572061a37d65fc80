using ImAudit.Engine.Findings;

namespace ImAudit.Engine.Tests.Rules;

public class DenyConditionNeverTrueRuleTests
{
    private static string Deny(string condition, string action = "ssm-incidents:DeleteResponsePlan") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"{{action}}","Resource":"*","Condition":{{condition}}}]}""";

    private static string Variant(Finding f) => ((TextDetail)f.Details.Entries.Single(e => e.Key == "variant").Value).Value;

    [Theory]
    [InlineData("""{"StringEquals":{"aws:ResourceTag/team":"payments"}}""")]
    [InlineData("""{"ForAnyValue:StringEquals":{"aws:TagKeys":["team"]}}""")]
    [InlineData("""{"StringLike":{"ssm-incidents:SomeKey":"x*"}}""")]
    [InlineData("""{"Null":{"aws:ResourceTag/team":"false"}}""")]
    public void A_deny_that_needs_a_key_incident_manager_never_sends_never_applies(string condition)
    {
        var json = Deny(condition);

        var finding = Assert.Single(RuleHarness.Run("IMA202", json));

        Assert.Equal((Severity.High, "deny-condition-never-true"), (finding.Severity, Variant(finding)));
        var key = condition.Split('"')[3];
        Assert.Equal(RuleHarness.At(json, 0, null, $"/Statement/0/Condition/{condition.Split('"')[1]}/{key.Replace("/", "~1", StringComparison.Ordinal)}", $"\"{key}\""), finding.Location);
        Assert.Contains(finding.Details.Entries, e => e.Key == "supportMatrix");
    }

    [Theory]
    [InlineData("""{"StringEqualsIfExists":{"aws:ResourceTag/team":"payments"}}""")]
    [InlineData("""{"Null":{"aws:ResourceTag/team":"true"}}""")]
    // IAM: a negated operator is true when the key is absent.
    [InlineData("""{"StringNotEquals":{"aws:ResourceTag/team":"payments"}}""")]
    [InlineData("""{"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}""")]
    public void A_deny_whose_tag_condition_is_always_true_is_broader_than_written(string condition)
    {
        var finding = Assert.Single(RuleHarness.Run("IMA202", Deny(condition)));

        Assert.Equal((Severity.Medium, "deny-condition-always-true"), (finding.Severity, Variant(finding)));
    }

    [Theory]
    [InlineData("""{"StringEquals":{"aws:PrincipalTag/team":"payments"}}""", "ssm-incidents:DeleteResponsePlan")]
    [InlineData("""{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}""", "ssm-incidents:DeleteResponsePlan")]
    [InlineData("""{"StringEquals":{"aws:ResourceTag/team":"payments"}}""", "s3:DeleteObject")]
    public void Leaves_supported_keys_and_other_services_alone(string condition, string action) =>
        Assert.Empty(RuleHarness.Run("IMA202", Deny(condition, action)));
}
