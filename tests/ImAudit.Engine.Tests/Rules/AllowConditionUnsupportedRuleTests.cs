using ImAudit.Engine.Findings;

namespace ImAudit.Engine.Tests.Rules;

public class AllowConditionUnsupportedRuleTests
{
    private static string Allow(string condition, string action = "ssm-incidents:UpdateResponsePlan") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"{{action}}","Resource":"*","Condition":{{condition}}}]}""";

    [Theory]
    [InlineData("""{"StringEqualsIfExists":{"aws:ResourceTag/team":"payments"}}""", Severity.High)]
    [InlineData("""{"StringNotEquals":{"aws:ResourceTag/team":"legacy"}}""", Severity.High)]
    [InlineData("""{"StringEquals":{"aws:ResourceTag/team":"payments"}}""", Severity.Low)]
    [InlineData("""{"ForAnyValue:StringLike":{"aws:TagKeys":["team*"]}}""", Severity.Low)]
    public void Flags_tag_conditions_that_do_not_restrict(string condition, Severity severity) =>
        Assert.Equal(severity, Assert.Single(RuleHarness.Run("IMA204", Allow(condition))).Severity);

    [Fact]
    public void Points_at_the_condition_key()
    {
        var json = Allow("""{"StringEquals":{"team":"x","aws:ResourceTag/team":"payments"}}""");

        var finding = Assert.Single(RuleHarness.Run("IMA204", json));

        Assert.Equal(RuleHarness.At(json, 0, null, "/Statement/0/Condition/StringEquals/aws:ResourceTag~1team", "\"aws:ResourceTag/team\""), finding.Location);
    }

    [Theory]
    [InlineData("""{"StringEquals":{"aws:PrincipalTag/team":"payments"}}""", "ssm-incidents:UpdateResponsePlan")]
    [InlineData("""{"StringEquals":{"aws:ResourceTag/team":"payments"}}""", "ec2:StartInstances")]
    [InlineData("""{"Bool":{"aws:SecureTransport":"true"}}""", "ssm-incidents:UpdateResponsePlan")]
    public void Leaves_supported_keys_and_other_services_alone(string condition, string action) =>
        Assert.Empty(RuleHarness.Run("IMA204", Allow(condition, action)));
}
