using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Rules;

public class EngagementReachRuleTests
{
    private static Contact Person(string alias) => new($"arn:aws:ssm-contacts:us-east-1:111122223333:contact/{alias}", alias, "PERSONAL", null, [], null);

    private static Contact Escalation(string alias, params string[] targets) =>
        new($"arn:aws:ssm-contacts:us-east-1:111122223333:contact/{alias}", alias, "ESCALATION", null,
            [new ContactStage(0, [.. targets.Select(t => $"arn:aws:ssm-contacts:us-east-1:111122223333:contact/{t}")], [])], null);

    [Fact]
    public void Follows_escalation_plans_transitively()
    {
        var inventory = Account([User("ana", Allow("\"ssm-contacts:StartEngagement\"", "arn:aws:ssm-contacts:*:*:contact/sev1"))])
            with { Contacts = [Escalation("sev1", "primary", "managers"), Escalation("managers", "cto"), Person("primary"), Person("cto"), Person("bystander")] };

        var finding = Assert.Single(Run("IMA307", inventory));

        Assert.Equal(Severity.Info, finding.Severity);
        var people = ((ListDetail)finding.Details.Entries.Single(e => e.Key == "people").Value).Items.Cast<TextDetail>().Select(t => t.Value.Split('/')[^1]);
        Assert.Equal(["cto", "primary"], people);
    }

    [Fact]
    public void Leaves_principals_who_cannot_engage_alone()
    {
        var inventory = Account([User("ana", Allow("\"ssm-contacts:GetContact\""))]) with { Contacts = [Person("primary")] };

        Assert.Empty(Run("IMA307", inventory));
    }
}
