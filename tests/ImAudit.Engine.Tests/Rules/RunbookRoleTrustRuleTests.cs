using ImAudit.Engine.Findings;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Rules;

public class RunbookRoleTrustRuleTests
{
    [Fact]
    public void Flags_a_runbook_role_that_does_not_exist()
    {
        var finding = Assert.Single(Run("IMA501", Account(plans: [Plan("Payments", "gone")])));

        Assert.Equal((Severity.High, "arn:aws:ssm-incidents::111122223333:response-plan/Payments"), (finding.Severity, finding.Resource));
        Assert.Contains("does not exist", finding.Message, StringComparison.Ordinal);
        // A plan-level finding: the role is missing or its trust lets nobody in, so there is no statement to point at.
        Assert.Null(finding.Location);
    }

    [Theory]
    [InlineData("ec2.amazonaws.com")]
    [InlineData("ssm.amazonaws.com")]
    public void Flags_a_runbook_role_incident_manager_cannot_assume(string service) =>
        Assert.Single(Run("IMA501", Account(roles: [Role("runbook", service)], plans: [Plan("Payments", "runbook")])));

    [Fact]
    public void Leaves_trusted_roles_and_other_accounts_roles_alone()
    {
        var plan = Plan("Payments", "runbook") with { Actions = [new("doc", "arn:aws:iam::444455556666:role/elsewhere", "IMPACTED_ACCOUNT")] };

        Assert.Empty(Run("IMA501", Account(roles: [RunbookRole("runbook", ProtectedTrust)], plans: [Plan("Payments", "runbook")])));
        Assert.Empty(Run("IMA501", Account(plans: [plan])));
    }
}
