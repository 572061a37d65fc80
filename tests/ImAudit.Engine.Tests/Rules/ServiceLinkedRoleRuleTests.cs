using ImAudit.Engine.Findings;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Rules;

public class ServiceLinkedRoleRuleTests
{
    private static readonly ImAudit.Engine.Inventory.IamRole Slr = Role("AWSServiceRoleForIncidentManager", "ssm-incidents.amazonaws.com",
        attached: ["AWSIncidentManagerServiceRolePolicy"], path: "/aws-service-role/ssm-incidents.amazonaws.com/");

    [Fact]
    public void Flags_a_missing_service_linked_role_when_incident_manager_is_in_use()
    {
        var finding = Assert.Single(Run("IMA505", Account(roles: [RunbookRole("runbook", ProtectedTrust)], plans: [Plan("Payments", "runbook")])));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.EndsWith("role/aws-service-role/ssm-incidents.amazonaws.com/AWSServiceRoleForIncidentManager", finding.Resource, StringComparison.Ordinal);
        // An account-level finding: the role is missing, so there is no policy to point into.
        Assert.Null(finding.Location);
    }

    [Fact]
    public void Flags_a_service_linked_role_without_its_policy() =>
        Assert.Contains("does not carry", Assert.Single(Run("IMA505", Account(roles: [Slr with { AttachedPolicies = [] }], plans: [Plan("Payments", "x")]))).Message, StringComparison.Ordinal);

    [Fact]
    public void Leaves_accounts_without_incident_manager_or_with_a_complete_role_alone()
    {
        Assert.Empty(Run("IMA505", Account(users: [User("ana")])));
        Assert.Empty(Run("IMA505", Account(roles: [Slr], plans: [Plan("Payments", "x")])));
    }
}
