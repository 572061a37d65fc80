using ImAudit.Engine.Reports;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Drift;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Organizations;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Inventory;

/// <summary>What the fuzz test (tests/ImAudit.Cli.Tests/Fuzz) found in the engine, issue 13: each a rule that threw, or a snapshot that could not be written.</summary>
public class HostileAccountRegressionTests
{
    private static readonly PolicyEngine Engine = new(IamCatalog.Default);

    private static Contact Person(string alias) => new($"arn:aws:ssm-contacts:us-east-1:111122223333:contact/{alias}", alias, "PERSONAL", null, [], null);

    private const string Share = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222233334444:root"},"Action":"ssm-incidents:GetResponsePlan","Resource":"*"}]}""";

    // A lone surrogate escape in a document's string: JSON syntax, but no writer takes the .NET string back.
    private const string LoneSurrogate = """{"Version":"2012-10-17","Statement":[{"Sid":"\ud800","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222233334444:root"},"Action":"ssm-incidents:*","Resource":"*"}]}""";

    [Fact]
    public void Regression_a_contact_listed_twice_does_not_make_IMA307_throw()
    {
        var inventory = Account([User("ana", Allow("\"ssm-contacts:StartEngagement\""))]) with { Contacts = [Person("primary"), Person("primary")] };

        var finding = Assert.Single(Run("IMA307", inventory));

        Assert.Contains("1 contact", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IMA602")]
    [InlineData("IMA603")]
    [InlineData("IMA604")]
    [InlineData("IMA605")]
    public void Regression_a_previous_inventory_listing_an_arn_twice_does_not_make_a_drift_rule_throw(string ruleId)
    {
        var ana = User("ana", Allow("\"ssm-incidents:*\""), attached: ["AWSIncidentManagerResolverAccess"]);
        var plan = Plan("Payments", "runbook") with { ResourcePolicies = [new ResourcePolicy("p0", Share, null)] };
        var before = Account([ana, ana with { InlinePolicies = [new InlinePolicy("inline", Allow("\"ssm-incidents:Get*\""))] }], plans: [plan, plan]);
        var after = Account([User("ana", Allow("\"ssm-contacts:*\""))], plans: [plan with { ResourcePolicies = [] }]);

        // DriftBetween asserts that no rule failed.
        _ = DriftBetween(ruleId, before, after);
    }

    [Theory]
    [InlineData("IMA602")]
    [InlineData("IMA604")]
    public void Regression_a_changed_document_escaping_a_lone_surrogate_does_not_make_a_drift_rule_throw(string ruleId)
    {
        AccountInventory With(string document) => Account([User("ana", document)], plans: [Plan("Payments", "runbook") with { ResourcePolicies = [new ResourcePolicy("p0", document, null)] }]);

        var findings = DriftBetween(ruleId, With(LoneSurrogate), With(Share));

        Assert.NotEmpty(findings);
    }

    [Fact]
    public void Regression_a_snapshot_holds_and_reads_back_a_policy_nested_past_the_policy_limit()
    {
        var deep = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":{{new string('[', 60)}}"ssm-incidents:*"{{new string(']', 60)}},"Resource":"*"}]}""";
        var inventory = Account([User("ana", deep), User("bo", Allow("\"ssm-incidents:*\""))]);
        var other = inventory with { AccountId = "444455556666" };

        var snapshot = AuditSnapshot.Read(SnapshotJson.Write(inventory, Engine.Audit(inventory, DateTimeOffset.UnixEpoch)), "snapshot.json", out var error);
        var organization = Engine.AuditOrganization([inventory, other], null, DateTimeOffset.UnixEpoch);
        var organizationSnapshot = OrganizationSnapshot.Read(OrganizationSnapshot.Write([inventory, other], organization), "snapshot.json", out var organizationError);

        Assert.True(snapshot is not null, error);
        Assert.Equal(deep, snapshot.Inventory.Users[0].InlinePolicies[0].Document);
        Assert.True(organizationSnapshot is not null, organizationError);
    }
}
