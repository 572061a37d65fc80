using ImAudit.Engine.Findings;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Rules;

public class RunbookRoleOverprivilegedRuleTests
{
    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""", null, "can do `*`")]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}}""", null, "can write IAM")]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:Put*","Resource":"*"}}""", null, "can write IAM")]
    [InlineData(null, "AdministratorAccess", "has AdministratorAccess")]
    public void Flags_runbook_roles_that_can_do_too_much(string? policy, string? attached, string reason)
    {
        var role = RunbookRole("runbook", ProtectedTrust, policy, attached is null ? null : [attached]);

        var finding = Assert.Single(Run("IMA503", Account(roles: [role], plans: [Plan("Payments", "runbook")])));

        Assert.Equal(Severity.High, finding.Severity);
        // A role-level finding: the role's effective access (or an attached AWS managed policy) is too wide.
        Assert.Null(finding.Location);
        Assert.Contains(reason, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaves_a_scoped_runbook_role_and_roles_no_plan_uses_alone()
    {
        var scoped = RunbookRole("runbook", ProtectedTrust, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm:StartAutomationExecution","ec2:RebootInstances","iam:GetRole"],"Resource":"*"}]}""");
        var admin = RunbookRole("admin", ProtectedTrust, """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""");

        Assert.Empty(Run("IMA503", Account(roles: [scoped, admin], plans: [Plan("Payments", "runbook")])));
    }
}
