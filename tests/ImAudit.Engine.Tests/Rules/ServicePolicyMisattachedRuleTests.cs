using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Rules;

public class ServicePolicyMisattachedRuleTests
{
    [Fact]
    public void Flags_the_service_role_policy_outside_the_service_linked_role()
    {
        var finding = Assert.Single(Run("IMA305", Account(roles: [Role("ops", "ec2.amazonaws.com", attached: ["AWSIncidentManagerServiceRolePolicy"])])));

        Assert.Equal((Severity.High, "arn:aws:iam::111122223333:role/ops"), (finding.Severity, finding.Resource));
        // The attachment is the problem, not a statement: the location names the attached policy alone.
        Assert.Equal(new FindingLocation("arn:aws:iam::aws:policy/AWSIncidentManagerServiceRolePolicy"), finding.Location);
    }

    [Fact]
    public void Flags_the_incident_access_policy_on_a_user_directly_or_through_a_group()
    {
        var group = new IamGroup("readers", "arn:aws:iam::111122223333:group/readers", "/", [],
            [new AttachedPolicy("AWSIncidentManagerIncidentAccessServiceRolePolicy", "arn:aws:iam::aws:policy/AWSIncidentManagerIncidentAccessServiceRolePolicy")]);

        var findings = Run("IMA305", Account([User("ana", attached: ["AWSIncidentManagerIncidentAccessServiceRolePolicy"]), User("bo", groups: ["readers"])], groups: [group]));

        Assert.Equal(["arn:aws:iam::111122223333:group/readers", "arn:aws:iam::111122223333:user/ana"], findings.Select(f => f.Resource).Order());
    }

    [Fact]
    public void Leaves_the_intended_attachments_alone()
    {
        var slr = Role("AWSServiceRoleForIncidentManager", "ssm-incidents.amazonaws.com", attached: ["AWSIncidentManagerServiceRolePolicy"], path: "/aws-service-role/ssm-incidents.amazonaws.com/");
        var reader = Role("im-reader", "ssm-incidents.amazonaws.com", attached: ["AWSIncidentManagerIncidentAccessServiceRolePolicy"]);

        Assert.Empty(Run("IMA305", Account(roles: [slr, reader])));
    }
}
