using System.Text.Json;
using ImAudit.Engine.Organizations;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Rules;
using Org = ImAudit.Engine.Tests.Rules.OrganizationHarness;

namespace ImAudit.Engine.Tests.Organizations;

/// <summary>
/// The function's organization run writes (and imports) ASFF batches of what only the organization audit finds: each
/// account's cross-account findings, and those resolved since the previous run, archived. Each account's own run
/// sends the rest.
/// </summary>
public class CrossAccountAsffTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-02T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_batches_hold_each_accounts_cross_account_findings_and_archive_the_resolved_ones_only()
    {
        // First the central plan is shared whole with the member, whose responder has a wildcard of its own; then the
        // share and the responder are narrowed to reading the plan: cross-account and account findings both resolve,
        // and the narrower reach is found.
        var before = new[] { Org.Owner(Org.Plan, Org.Share($"{{\"AWS\":\"{Org.Member}\"}}", "\"ssm-incidents:*\"", "\"*\"")),
            Org.MemberWith(Org.Responder, Org.Allow("\"ssm-incidents:*\"")) };
        var inventories = new[] { Org.Owner(Org.Plan, Org.Share($"{{\"AWS\":\"{Org.Member}\"}}", "\"ssm-incidents:GetResponsePlan\"", "\"*\"")),
            Org.MemberWith(Org.Responder, Org.Allow("\"ssm-incidents:GetResponsePlan\"")) };
        var engine = new PolicyEngine(IamCatalog.Default);
        var organization = Org.Org(Org.Central, Org.Member);
        var first = engine.AuditOrganization(before, organization, Now.AddDays(-1));
        var previous = OrganizationSnapshot.Read(OrganizationSnapshot.Write(before, first), "previous", out _);
        var report = engine.AuditOrganization(inventories, organization, Now, null, previous);
        var set = OrganizationReportSet.Of(report, new Dictionary<string, DateTimeOffset>(), new OrganizationSetOptions(null)
        {
            Asff = inventories, AsffCrossAccountOnly = true, AsffRegion = "eu-west-1",
        });

        var sent = set.AsffBatches.SelectMany(batch =>
        {
            using var json = JsonDocument.Parse(batch.Bytes());
            return json.RootElement.GetProperty("Findings").EnumerateArray().Select(f => (
                Batch: batch.Account, Account: f.GetProperty("AwsAccountId").GetString()!, Id: f.GetProperty("Id").GetString()!,
                Rule: f.GetProperty("GeneratorId").GetString()!["imaudit/".Length..], Archived: f.GetProperty("RecordState").GetString() == "ARCHIVED")).ToList();
        }).ToList();

        Assert.NotEmpty(report.CrossAccountFindings);
        Assert.All(sent, f => Assert.Equal(f.Batch, f.Account));
        Assert.Equal(report.CrossAccountFindings.Select(f => $"imaudit/{f.AccountId}/{f.Fingerprint}").Order(StringComparer.Ordinal),
            sent.Where(f => !f.Archived).Select(f => f.Id).Order(StringComparer.Ordinal));
        var resolved = report.Drift!.Resolved.Where(f => RuleRegistry.IsOrganization(f.RuleId)).Select(f => $"imaudit/{f.AccountId}/{f.Fingerprint}").ToList();
        Assert.NotEmpty(resolved);
        Assert.Equal(resolved.Order(StringComparer.Ordinal), sent.Where(f => f.Archived).Select(f => f.Id).Order(StringComparer.Ordinal));
        // An account's own resolved findings are its own run's to archive.
        Assert.Contains(report.Drift.Resolved, f => !RuleRegistry.IsOrganization(f.RuleId));
    }
}
