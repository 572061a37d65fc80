using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;
using static ImAudit.Engine.Tests.Rules.SharingCases;

namespace ImAudit.Engine.Tests.Rules;

public class UntrustedAccountRuleTests
{
    [Theory]
    [InlineData("""{"AWS":"999988887777"}""", "/Statement/0/Principal/AWS", "\"999988887777\"")]
    [InlineData("""{"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::999988887777:role/Responder"]}""", "/Statement/0/Principal/AWS/1", "\"arn:aws:iam::999988887777:role/Responder\"")]
    public void Flags_accounts_that_are_neither_owner_nor_trusted(string principal, string pointer, string entry)
    {
        var json = Share(principal, PlanActions, PlanResources);

        var finding = Assert.Single(RuleHarness.Run("IMA402", json, PolicyKind.Resource, Plan, "222233334444"));

        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal(RuleHarness.At(json, 0, "Share", pointer, entry), finding.Location);
        Assert.Equal(new TextDetail("999988887777"), finding.Details.Entries.Single(e => e.Key == "account").Value);
    }

    [Theory]
    [InlineData("""{"AWS":"222233334444"}""")]
    [InlineData("""{"AWS":"arn:aws:iam::111122223333:role/Responder"}""")]
    [InlineData("""{"Service":"ssm-incidents.amazonaws.com"}""")]
    public void Leaves_the_owner_trusted_accounts_and_services_alone(string principal) =>
        Assert.Empty(RuleHarness.Run("IMA402", Share(principal, PlanActions, PlanResources), PolicyKind.Resource, Plan, "222233334444"));

    [Fact]
    public void Needs_the_resource_to_know_the_owner() =>
        Assert.Empty(RuleHarness.Run("IMA402", Share("""{"AWS":"999988887777"}""", PlanActions, PlanResources), PolicyKind.Resource));
}
