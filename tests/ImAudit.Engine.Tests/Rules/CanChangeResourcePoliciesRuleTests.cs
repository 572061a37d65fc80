using ImAudit.Engine.Findings;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Rules;

public class CanChangeResourcePoliciesRuleTests
{
    [Theory]
    [InlineData("\"ssm-incidents:PutResourcePolicy\"")]
    [InlineData("\"ssm-contacts:PutContactPolicy\"")]
    [InlineData("\"ssm-contacts:AssociateContact\"")]
    [InlineData("\"ssm-incidents:*ResourcePolicy\"")]
    public void Flags_principals_that_can_change_resource_policies(string action)
    {
        var finding = Assert.Single(Run("IMA302", Account([User("ana", Allow(action))])));

        Assert.Equal(Severity.High, finding.Severity);
        // A principal-level finding: the ability comes from the principal's effective access over all its policies,
        // so there is no one statement to point at (the `actions` detail names what it can do).
        Assert.Null(finding.Location);
    }

    [Theory]
    [InlineData("\"ssm-incidents:GetResourcePolicies\"")]
    [InlineData("\"ssm-contacts:GetContactPolicy\"")]
    public void Leaves_readers_alone(string action) => Assert.Empty(Run("IMA302", Account([User("ana", Allow(action))])));

    [Fact]
    public void A_deny_takes_the_ability_away()
    {
        var policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"*"},{"Effect":"Deny","Action":"ssm-incidents:*ResourcePolicy","Resource":"*"}]}""";

        Assert.Empty(Run("IMA302", Account([User("ana", policy)])));
    }
}
