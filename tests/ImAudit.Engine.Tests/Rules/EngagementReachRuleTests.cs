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
        // A principal-level finding: the reach is computed from effective access and the escalation plans, not read
        // from one statement.
        Assert.Null(finding.Location);
        var people = ((ListDetail)finding.Details.Entries.Single(e => e.Key == "people").Value).Items.Cast<TextDetail>().Select(t => t.Value.Split('/')[^1]);
        Assert.Equal(["cto", "primary"], people);
    }

    [Fact]
    public void Leaves_principals_who_cannot_engage_alone()
    {
        var inventory = Account([User("ana", Allow("\"ssm-contacts:GetContact\""))]) with { Contacts = [Person("primary")] };

        Assert.Empty(Run("IMA307", inventory));
    }

    [Fact]
    public void Follows_a_contact_share_and_walks_the_escalation_in_the_owner_account()
    {
        var share = OrganizationHarness.Share("""{"AWS":"arn:aws:iam::444455556666:role/Responder"}""", "\"ssm-contacts:StartEngagement\"", $"\"{OrganizationHarness.Contact}\"");
        var owner = OrganizationHarness.Owner(OrganizationHarness.Contact, share, Person("ana"), Person("bo")) is var o
            ? o with { Contacts = [o.Contacts[0] with { Stages = [new ContactStage(5, [Person("ana").Arn, Person("bo").Arn], [])] }, .. o.Contacts.Skip(1)] }
            : null!;

        var finding = Assert.Single(OrganizationHarness.Run("IMA307", [owner, OrganizationHarness.MemberWith(OrganizationHarness.Responder, Allow("\"ssm-contacts:StartEngagement\""))]));

        Assert.Equal(OrganizationHarness.Member, finding.AccountId);
        Assert.Equal([Person("ana").Arn, Person("bo").Arn], ((ListDetail)finding.Details.Entries.Single(e => e.Key == "people").Value).Items.Select(i => ((TextDetail)i).Value));
    }

    [Fact]
    public void Does_not_follow_a_share_without_start_engagement()
    {
        var share = OrganizationHarness.Share("""{"AWS":"444455556666"}""", "\"ssm-contacts:GetContact\"", $"\"{OrganizationHarness.Contact}\"");

        Assert.Empty(OrganizationHarness.Run("IMA307", share, Allow("\"ssm-contacts:*\""), OrganizationHarness.Contact));
    }
}
