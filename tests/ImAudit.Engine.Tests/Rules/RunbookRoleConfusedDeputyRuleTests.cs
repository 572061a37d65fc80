using ImAudit.Engine.Findings;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Rules;

public class RunbookRoleConfusedDeputyRuleTests
{
    [Fact]
    public void Flags_a_trust_without_source_conditions()
    {
        var role = Role("runbook", "ssm-incidents.amazonaws.com");

        var finding = Assert.Single(Run("IMA502", Account(roles: [role], plans: [Plan("Payments", "runbook")])));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal(RuleHarness.At(role.Arn + "#trust", role.TrustPolicy!, 0, null, "/Statement/0", "{\"Effect\""), finding.Location);
    }

    [Theory]
    [InlineData("{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}")]
    [InlineData("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:ssm-incidents:*:111122223333:incident-record/*\"}}")]
    public void Leaves_protected_trusts_alone(string condition)
    {
        var trust = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ssm-incidents.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{{condition}}}]}""";

        Assert.Empty(Run("IMA502", Account(roles: [RunbookRole("runbook", trust)], plans: [Plan("Payments", "runbook")])));
    }

    [Fact]
    public void A_negated_source_condition_does_not_protect()
    {
        var trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ssm-incidents.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringNotEquals":{"aws:SourceAccount":"999988887777"}}}]}""";

        Assert.Single(Run("IMA502", Account(roles: [RunbookRole("runbook", trust)], plans: [Plan("Payments", "runbook")])));
    }
}
