using ImAudit.Engine.Findings;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Rules;

public class ImpliedIncidentAccessRuleTests
{
    [Fact]
    public void Names_the_plans_and_incident_actions_a_principal_reaches()
    {
        var policy = Allow("""["ssm-incidents:GetIncidentRecord","ssm-incidents:UpdateIncidentRecord"]""", "arn:aws:ssm-incidents::111122223333:*/Payments*");

        var finding = Assert.Single(Run("IMA306", Account([User("ana", policy)], plans: [Plan("Payments", "r"), Plan("Search", "r")])));

        Assert.Equal(Severity.Info, finding.Severity);
        var plans = ((ListDetail)finding.Details.Entries.Single(e => e.Key == "responsePlans").Value).Items.Cast<TextDetail>().Select(t => t.Value);
        Assert.Equal(["arn:aws:ssm-incidents::111122223333:response-plan/Payments"], plans);
    }

    [Fact]
    public void Leaves_principals_without_plan_access_alone() =>
        Assert.Empty(Run("IMA306", Account([User("ana", Allow("\"ssm-incidents:ListResponsePlans\"")), User("bo", Allow("\"s3:*\""))], plans: [Plan("Payments", "r")])));
}
