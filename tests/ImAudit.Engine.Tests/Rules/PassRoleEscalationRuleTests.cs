using ImAudit.Engine.Findings;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Rules;

public class PassRoleEscalationRuleTests
{
    private const string PlanAndPass = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm-incidents:UpdateResponsePlan","ssm-incidents:StartIncident"],"Resource":"*"},{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/runbook"}]}""";

    [Fact]
    public void Is_high_when_the_role_can_do_more_than_the_principal()
    {
        var role = RunbookRole("runbook", ProtectedTrust, Allow("\"s3:*\""));

        var finding = Assert.Single(Run("IMA504", Account([User("ana", PlanAndPass)], roles: [role])));

        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("s3:", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_medium_when_the_role_adds_nothing()
    {
        var role = RunbookRole("runbook", ProtectedTrust, Allow("\"ssm-incidents:StartIncident\""));

        Assert.Equal(Severity.Medium, Assert.Single(Run("IMA504", Account([User("ana", PlanAndPass)], roles: [role]))).Severity);
    }

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm-incidents:UpdateResponsePlan","ssm-incidents:StartIncident"],"Resource":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm-incidents:StartIncident","iam:PassRole"],"Resource":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm-incidents:UpdateResponsePlan","ssm-incidents:StartIncident"],"Resource":"*"},{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/other"}]}""")]
    public void Needs_pass_role_on_that_role_and_plan_and_start_rights(string policy)
    {
        var role = RunbookRole("runbook", ProtectedTrust, Allow("\"s3:*\""));

        Assert.Empty(Run("IMA504", Account([User("ana", policy)], roles: [role])));
    }
}
