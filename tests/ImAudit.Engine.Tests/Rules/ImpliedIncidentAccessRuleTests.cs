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
        // A principal-level finding: what a principal reaches comes from its effective access, not from one statement.
        Assert.Null(finding.Location);
        var plans = ((ListDetail)finding.Details.Entries.Single(e => e.Key == "responsePlans").Value).Items.Cast<TextDetail>().Select(t => t.Value);
        Assert.Equal(["arn:aws:ssm-incidents::111122223333:response-plan/Payments"], plans);
    }

    [Fact]
    public void Leaves_principals_without_plan_access_alone() =>
        Assert.Empty(Run("IMA306", Account([User("ana", Allow("\"ssm-incidents:ListResponsePlans\"")), User("bo", Allow("\"s3:*\""))], plans: [Plan("Payments", "r")])));

    [Fact]
    public void Follows_a_share_to_the_member_principal_in_an_organization_audit()
    {
        var share = OrganizationHarness.Share("""{"AWS":"444455556666"}""", """["ssm-incidents:GetResponsePlan","ssm-incidents:GetIncidentRecord","ssm-incidents:UpdateIncidentRecord"]""",
            """["arn:aws:ssm-incidents::111122223333:response-plan/Payments","arn:aws:ssm-incidents::111122223333:incident-record/Payments/*"]""");

        var finding = Assert.Single(OrganizationHarness.Run("IMA306", share, Allow("\"ssm-incidents:*\"")));

        Assert.Equal(OrganizationHarness.Responder, finding.Resource);
        Assert.Equal(OrganizationHarness.Member, finding.AccountId);
        var details = finding.Details.Entries.ToDictionary(e => e.Key, e => e.Value);
        Assert.Equal(["arn:aws:ssm-incidents::111122223333:response-plan/Payments"], ((ListDetail)details["responsePlans"]).Items.Select(i => ((TextDetail)i).Value));
        Assert.Equal(["ssm-incidents:GetIncidentRecord", "ssm-incidents:UpdateIncidentRecord"], ((ListDetail)details["incidentActions"]).Items.Select(i => ((TextDetail)i).Value));
    }

    [Fact]
    public void Does_not_follow_a_share_the_member_cannot_use() =>
        Assert.Empty(OrganizationHarness.Run("IMA306", OrganizationHarness.Share("""{"AWS":"444455556666"}""", "\"ssm-incidents:GetIncidentRecord\"", "\"*\""), Allow("\"s3:*\"")));
}
