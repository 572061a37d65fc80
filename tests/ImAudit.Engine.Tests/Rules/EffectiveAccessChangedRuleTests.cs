using ImAudit.Engine.Findings;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Rules;

public class EffectiveAccessChangedRuleTests
{
    [Fact]
    public void Gaining_a_write_action_is_high_and_names_it()
    {
        var before = Account([User("ana", Allow("\"ssm-incidents:GetResponsePlan\""))]);
        var after = Account([User("ana", Allow("[\"ssm-incidents:GetResponsePlan\",\"ssm-incidents:DeleteResponsePlan\"]"))]);

        var finding = Assert.Single(DriftBetween("IMA605", before, after));

        Assert.Equal(Severity.High, finding.Severity);
        // Drift of a principal's effective access: the change can come from any of its policies, so no location.
        Assert.Null(finding.Location);
        Assert.Contains("gained 1 action (`ssm-incidents:DeleteResponsePlan`)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Access_that_only_shrank_is_info_and_a_principal_that_left_lost_everything()
    {
        var before = Account([User("ana", Allow("\"ssm-incidents:*\"")), User("bo", Allow("\"ssm-contacts:ListContacts\""))]);
        var after = Account([User("ana", Allow("\"ssm-incidents:GetResponsePlan\""))]);

        var findings = DriftBetween("IMA605", before, after);

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(Severity.Info, f.Severity));
        Assert.Contains(findings, f => f.Resource.EndsWith(":user/bo", StringComparison.Ordinal) && f.Message.Contains("lost 1 action", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_access_written_differently_is_no_change()
    {
        var before = Account([User("ana", Allow("\"ssm-incidents:Get*\""))]);
        var after = Account([User("ana", Allow("[\"ssm-incidents:GetResponsePlan\",\"ssm-incidents:Get*\"]"))]);

        Assert.Empty(DriftBetween("IMA605", before, after));
    }
}
