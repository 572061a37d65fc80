using ImAudit.Engine.Catalog;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Tests.Rules;

namespace ImAudit.Engine.Tests.Inventory;

public class AccountAuditTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T12:00:00Z");

    [Fact]
    public void Resource_policies_are_audited_against_the_resource_they_protect()
    {
        const string plan = "arn:aws:ssm-incidents::111122223333:response-plan/Payments";
        var share = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ssm-incidents:GetResponsePlan","Resource":"arn:aws:ssm-incidents::111122223333:response-plan/*"},{"Effect":"Deny","Principal":"*","Action":"ssm-incidents:StartIncident","Resource":"*"}]}""";
        var inventory = AccountHarness.Account(plans: [AccountHarness.Plan("Payments", "runbook") with { ResourcePolicies = [new ResourcePolicy("p1", share, "us-east-1")] }]);

        var report = new PolicyEngine(IamCatalog.Default).Audit(inventory, Now);

        var ids = report.Findings.Where(f => f.Resource == plan).Select(f => f.RuleId).ToHashSet();
        Assert.Superset(new HashSet<string> { "IMA201", "IMA401", "IMA404", "IMA501" }, ids);
        Assert.Equal(Now, report.GeneratedAt);
    }

    [Fact]
    public void Missing_attached_policies_are_coverage_gaps_and_the_rest_is_audited()
    {
        var user = AccountHarness.User("ana", AccountHarness.Allow("\"ssm-incidents:DeleteResponsePlan\"")) with
        {
            AttachedPolicies = [new AttachedPolicy("Gone", "arn:aws:iam::111122223333:policy/Gone")],
        };

        var report = new PolicyEngine(IamCatalog.Default).Audit(AccountHarness.Account([user]), Now);

        Assert.True(report.IsIncomplete);
        Assert.Contains(report.Coverage, g => g.Kind == "missing-policy" && g.Detail.Contains("policy/Gone", StringComparison.Ordinal));
        Assert.Contains(report.Findings, f => f.RuleId == "IMA301");
    }

    [Fact]
    public void The_same_inventory_gives_the_same_report_bytes()
    {
        var inventory = AuthorizationDetailsImporter.Import(Fixture.Bytes("authorization-details/example.json"), "example.json").Inventory!;
        var engine = new PolicyEngine(IamCatalog.Default);

        Assert.Equal(Reports.ReportJson.Write(engine.Audit(inventory, Now)), Reports.ReportJson.Write(engine.Audit(inventory, Now)));
    }

    [Theory]
    [InlineData("example-authz-details.json", true)]
    [InlineData("iam_get-account-authorization-details.output.json", false)]
    public void Audits_run_in_parallel_yet_give_the_same_report_every_time(string file, bool findings)
    {
        var inventory = AuthorizationDetailsImporter.Import(Fixture.Bytes("authorization-details/" + file), file).Inventory!;
        var engine = new PolicyEngine(IamCatalog.Default);

        var reports = Enumerable.Range(0, 3).Select(_ => Reports.ReportJson.Write(engine.Audit(inventory, Now))).ToList();

        Assert.Equal(findings, !engine.Audit(inventory, Now).Findings.IsEmpty);
        Assert.All(reports, r => Assert.Equal(reports[0], r));
    }
}
