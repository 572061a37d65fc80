using ImAudit.Engine.Findings;
using static ImAudit.Engine.Tests.Rules.OrganizationHarness;

namespace ImAudit.Engine.Tests.Rules;

public class UnusedShareRuleTests
{
    private const string PlanShare = """["ssm-incidents:GetResponsePlan","ssm-incidents:StartIncident"]""";

    [Fact]
    public void Reports_a_share_with_an_account_where_nobody_holds_the_other_half()
    {
        var json = Share("""{"AWS":["arn:aws:iam::444455556666:root"]}""", PlanShare, $"\"{Plan}\"");

        var finding = Assert.Single(Run("IMA702", json, Allow("\"s3:GetObject\"")));

        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Equal(Plan, finding.Resource);
        Assert.Equal(Central, finding.AccountId);
        Assert.Equal(RuleHarness.At(Plan + "#p1", json, 0, "Share", "/Statement/0/Principal/AWS/0", "\"arn:aws:iam::444455556666:root\""), finding.Location);
        Assert.Contains("no principal of account 444455556666", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_named_role_that_does_not_exist_in_its_account()
    {
        var share = Share("""{"AWS":["arn:aws:iam::444455556666:role/Responder","arn:aws:iam::444455556666:role/Gone"]}""", PlanShare, $"\"{Plan}\"");

        var finding = Assert.Single(Run("IMA702", share, Allow("\"ssm-incidents:*\"")));

        Assert.Equal(RuleHarness.At(Plan + "#p1", share, 0, "Share", "/Statement/0/Principal/AWS/1", "\"arn:aws:iam::444455556666:role/Gone\""), finding.Location);
        Assert.Contains("`arn:aws:iam::444455556666:role/Gone` does not exist in account 444455556666", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaves_a_share_someone_uses_alone() =>
        Assert.Empty(Run("IMA702", Share("""{"AWS":"444455556666"}""", PlanShare, $"\"{Plan}\""), Allow("\"ssm-incidents:StartIncident\"")));

    [Fact]
    public void Leaves_shares_with_accounts_outside_the_audit_alone() =>
        Assert.Empty(Run("IMA702", Share("""{"AWS":"555566667777"}""", PlanShare, $"\"{Plan}\""), Allow("\"s3:GetObject\"")));
}
