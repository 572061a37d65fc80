using System.Text.Json;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Drift;
using ImAudit.Engine.Reports;
using ImAudit.Engine.Tests.Rules;

namespace ImAudit.Engine.Tests.Drift;

public class AsffTests
{
    private static readonly DateTimeOffset Then = DateTimeOffset.Parse("2026-11-21T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly PolicyEngine Engine = new(IamCatalog.Default);

    private static ImAudit.Engine.Inventory.AccountInventory Account(int users, string actions = "\"ssm-incidents:GetContact\"") =>
        AccountHarness.Account([.. Enumerable.Range(0, users).Select(i => AccountHarness.User($"user{i}", AccountHarness.Allow(actions)))]);

    private static List<JsonElement> Findings(IEnumerable<byte[]> batches) =>
        [.. batches.SelectMany(b => JsonDocument.Parse(b).RootElement.GetProperty("Findings").EnumerateArray().Select(f => f.Clone()))];

    [Fact]
    public void Findings_come_in_batches_of_at_most_100_each_a_BatchImportFindings_body()
    {
        var report = Engine.Audit(Account(120), Now);

        var batches = Asff.Batches(report, SnapshotJson.FirstSeenFor(report, null), "eu-west-1");

        Assert.True(report.Findings.Length > 100);
        Assert.Equal((report.Findings.Length + 99) / 100, batches.Length);
        Assert.All(batches, b => Assert.InRange(JsonDocument.Parse(b).RootElement.GetProperty("Findings").GetArrayLength(), 1, 100));
        Assert.Equal(report.Findings.Length, Findings(batches).Count);
    }

    [Fact]
    public void Every_finding_has_the_required_attributes_and_provider_fields()
    {
        var report = Engine.Audit(Account(1), Now);

        var finding = Findings(Asff.Batches(report, SnapshotJson.FirstSeenFor(report, null), "eu-west-1"))
            .First(f => f.GetProperty("GeneratorId").GetString() == "imaudit/IMA101");

        foreach (var required in new[] { "SchemaVersion", "Id", "ProductArn", "GeneratorId", "AwsAccountId", "CreatedAt", "UpdatedAt", "Title", "Description", "Resources" })
            Assert.True(finding.TryGetProperty(required, out _), required);
        var source = report.Findings.First(f => f.RuleId == "IMA101");
        Assert.Equal($"imaudit/111122223333/{source.Fingerprint}", finding.GetProperty("Id").GetString());
        Assert.Equal("arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default", finding.GetProperty("ProductArn").GetString());
        Assert.Equal("MEDIUM", finding.GetProperty("FindingProviderFields").GetProperty("Severity").GetProperty("Label").GetString());
        Assert.Equal(1, finding.GetProperty("FindingProviderFields").GetProperty("Types").GetArrayLength());
        Assert.Equal("AwsIamUser", finding.GetProperty("Resources")[0].GetProperty("Type").GetString());
        Assert.Equal("ACTIVE", finding.GetProperty("RecordState").GetString());
        Assert.Equal("2026-11-22T06:00:00.000Z", finding.GetProperty("UpdatedAt").GetString());
    }

    [Fact]
    public void CreatedAt_stays_when_first_seen_and_resolved_findings_are_archived()
    {
        var first = Engine.Audit(Account(2), Then);
        var previous = AuditSnapshot.Read(SnapshotJson.Write(Account(2), first, SnapshotJson.FirstSeenFor(first, null)), "s", out _)!;
        var current = Engine.Audit(AccountHarness.Account([AccountHarness.User("user0", AccountHarness.Allow("\"ssm-incidents:GetContact\""))]), Now, null, previous);

        var findings = Findings(Asff.Batches(current, SnapshotJson.FirstSeenFor(current, previous), "eu-west-1"));

        var persisting = findings.Where(f => f.GetProperty("RecordState").GetString() == "ACTIVE").ToList();
        var archived = findings.Where(f => f.GetProperty("RecordState").GetString() == "ARCHIVED").ToList();
        Assert.NotEmpty(persisting);
        Assert.All(persisting, f => Assert.Equal("2026-11-21T06:00:00.000Z", f.GetProperty("CreatedAt").GetString()));
        Assert.NotEmpty(archived);
        Assert.All(archived, f => Assert.Contains(":user/user1", f.GetProperty("Resources")[0].GetProperty("Id").GetString(), StringComparison.Ordinal));
        Assert.All(findings, f => Assert.Equal("2026-11-22T06:00:00.000Z", f.GetProperty("UpdatedAt").GetString()));
    }
}

/// <summary>Each ASFF finding says what to do: its rule's remediation, and the rule's page when a docs base URL is given.</summary>
public class AsffRemediationTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Every_finding_carries_its_rules_remediation_and_the_page_url_only_with_a_base()
    {
        var report = new PolicyEngine(IamCatalog.Default).Audit(AccountHarness.Account([AccountHarness.User("ana", AccountHarness.Allow("\"ssm-incidents:*\""))]), Now);
        var seen = SnapshotJson.FirstSeenFor(report, null);

        var plain = Asff.Batches(report, seen, "eu-west-1").SelectMany(b => JsonDocument.Parse(b).RootElement.GetProperty("Findings").EnumerateArray().Select(f => f.Clone())).ToList();
        var linked = Asff.Batches(report, seen, "eu-west-1", docsBaseUrl: "https://docs.example/imaudit/").SelectMany(b => JsonDocument.Parse(b).RootElement.GetProperty("Findings").EnumerateArray().Select(f => f.Clone())).ToList();

        Assert.NotEmpty(plain);
        foreach (var (f, l) in plain.Zip(linked))
        {
            var rule = ImAudit.Engine.Rules.RuleRegistry.All.Single(r => r.Id == f.GetProperty("ProductFields").GetProperty("imaudit/RuleId").GetString());
            var recommendation = f.GetProperty("Remediation").GetProperty("Recommendation");
            Assert.Equal(rule.Remediation, recommendation.GetProperty("Text").GetString());
            Assert.False(recommendation.TryGetProperty("Url", out _));
            Assert.Equal($"https://docs.example/imaudit/docs/rules/{rule.Id}.md", l.GetProperty("Remediation").GetProperty("Recommendation").GetProperty("Url").GetString());
        }
    }
}
