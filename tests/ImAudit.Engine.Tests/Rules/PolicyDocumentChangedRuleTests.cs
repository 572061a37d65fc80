using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Rules;

public class PolicyDocumentChangedRuleTests
{
    private static AccountInventory WithManaged(string document) => Account([UserWith("ana", "arn:aws:iam::111122223333:policy/Responders")]) with
    {
        Policies = [new ManagedPolicy("Responders", "arn:aws:iam::111122223333:policy/Responders", "/", "v1", [new PolicyVersion("v1", true, document, null)])],
    };

    [Fact]
    public void A_customer_managed_policy_gaining_a_delete_right_is_high_with_the_action_named()
    {
        var findings = DriftBetween("IMA602", WithManaged(Allow("\"ssm-incidents:GetResponsePlan\"")), WithManaged(Allow("[\"ssm-incidents:GetResponsePlan\",\"ssm-incidents:DeleteResponsePlan\"]")));

        var finding = Assert.Single(findings);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("arn:aws:iam::111122223333:policy/Responders", finding.Resource);
        // Drift of a whole document: the location names the policy that changed, no statement within it.
        Assert.Equal(new FindingLocation("arn:aws:iam::111122223333:policy/Responders"), finding.Location);
        Assert.Contains("adds `ssm-incidents:DeleteResponsePlan`", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inline_policy_losing_access_is_low_and_one_that_gains_a_read_right_medium()
    {
        var lost = DriftBetween("IMA602", Account([User("ana", Allow("\"ssm-incidents:*\""))]), Account([User("ana", Allow("\"ssm-incidents:GetResponsePlan\""))]));
        var read = DriftBetween("IMA602", Account([User("ana", Allow("\"ssm-incidents:GetResponsePlan\""))]), Account([User("ana", Allow("\"ssm-incidents:Get*\""))]));

        Assert.Equal(Severity.Low, Assert.Single(lost).Severity);
        Assert.Equal(Severity.Medium, Assert.Single(read).Severity);
    }

    [Fact]
    public void A_changed_policy_that_names_no_incident_manager_action_is_not_reported()
    {
        Assert.Empty(DriftBetween("IMA602", Account([User("ana", Allow("\"s3:GetObject\""))]), Account([User("ana", Allow("\"s3:*\""))])));
        Assert.Empty(DriftBetween("IMA602", WithManaged(Allow("\"ssm-incidents:GetResponsePlan\"")), WithManaged(Allow("\"ssm-incidents:GetResponsePlan\""))));
    }
}
