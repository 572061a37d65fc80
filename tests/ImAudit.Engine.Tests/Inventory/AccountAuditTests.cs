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

    [Fact]
    public void A_document_repeated_across_principals_is_reported_on_each_as_if_audited_alone()
    {
        var policy = AccountHarness.Allow("[\"ssm-incidents:GetContact\",\"ssm-contacts:*\"]");
        var ana = AccountHarness.User("ana", policy);
        var bo = AccountHarness.User("bo", policy);
        var engine = new PolicyEngine(IamCatalog.Default);

        var together = engine.Audit(AccountHarness.Account([ana, bo]), Now).Findings;
        var alone = engine.Audit(AccountHarness.Account([bo]), Now).Findings.Where(f => InlinePolicy(f)).ToList();

        var bosFindings = together.Where(f => f.Resource == bo.Arn && InlinePolicy(f)).ToList();
        Assert.NotEmpty(alone);
        Assert.Equal(alone.Select(Comparable), bosFindings.Select(Comparable));
        Assert.Equal(alone.Count, together.Count(f => f.Resource == ana.Arn && InlinePolicy(f)));
        Assert.Empty(bosFindings.Select(f => f.Fingerprint).Intersect(together.Where(f => f.Resource == ana.Arn).Select(f => f.Fingerprint)));
    }

    // Findings compare as values once their details (compared by reference) are rendered.
    private static string Comparable(Findings.Finding f)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
            Reports.FindingJson.WriteDetail(writer, f.Details);
        return (f with { Details = Findings.Finding.NoDetails }) + " " + System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static bool InlinePolicy(Findings.Finding f) => f.Location?.Policy?.Contains('#', StringComparison.Ordinal) == true;
}
