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
        // A principal-level finding: it combines the principal's pass-role and plan rights with the role's policies,
        // so no one statement is the place to fix.
        Assert.Null(finding.Location);
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

    [Theory]
    // The principal holds s3 only under a condition: the role's unconditional s3:GetObject is gained.
    [InlineData("""{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}""", true, "s3:GetObject")]
    // The principal holds s3:GetObject on one bucket only: the role's grant on every bucket is gained (exact comparison).
    [InlineData("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::logs/*"}""", true, "s3:GetObject")]
    // The principal holds s3:GetObject everywhere without conditions: nothing gained.
    [InlineData("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""", false, null)]
    // ...unless a deny takes part of it away again.
    [InlineData("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::secret/*"}""", true, "s3:GetObject")]
    public void Gains_are_judged_by_resources_and_conditions_not_only_by_action_names(string principalStatements, bool gains, string? action)
    {
        var role = RunbookRole("runbook", ProtectedTrust, Allow("\"s3:GetObject\""));
        var policy = PlanAndPass.Replace("]}", "," + principalStatements + "]}", StringComparison.Ordinal);

        var finding = Assert.Single(Run("IMA504", Account([User("ana", policy)], roles: [role])));

        Assert.Equal(gains ? Severity.High : Severity.Medium, finding.Severity);
        if (action is not null)
            Assert.Contains($"`{action}`", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    // The role's own deny takes s3:GetObject away again: nothing gained.
    [InlineData("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}""", false)]
    // A NotResource that excludes every resource grants nothing.
    [InlineData("""{"Effect":"Allow","Action":"s3:GetObject","NotResource":"*"}""", false)]
    [InlineData("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""", true)]
    // Access under a condition is still access the principal lacks.
    [InlineData("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}""", true)]
    public void What_the_role_holds_is_read_exactly(string roleStatements, bool gains)
    {
        var role = RunbookRole("runbook", ProtectedTrust, $$"""{"Version":"2012-10-17","Statement":[{{roleStatements}}]}""");

        var finding = Assert.Single(Run("IMA504", Account([User("ana", PlanAndPass)], roles: [role])));

        Assert.Equal(gains ? Severity.High : Severity.Medium, finding.Severity);
    }

    [Theory]
    // The principal holds s3:GetObject under a condition: the role's unconditional grant is more, a conditional one is not.
    [InlineData("", true)]
    [InlineData(""","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}""", false)]
    public void A_conditional_grant_never_covers_an_unconditional_one(string roleCondition, bool gains)
    {
        var role = RunbookRole("runbook", ProtectedTrust, $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"{{roleCondition}}}]}""");
        var policy = PlanAndPass.Replace("]}", """,{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}""", StringComparison.Ordinal);

        var finding = Assert.Single(Run("IMA504", Account([User("ana", policy)], roles: [role])));

        Assert.Equal(gains ? Severity.High : Severity.Medium, finding.Severity);
    }
}
