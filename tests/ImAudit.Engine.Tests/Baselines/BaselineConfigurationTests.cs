using System.Text;
using ImAudit.Engine.Baselines;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Tests.Rules;

namespace ImAudit.Engine.Tests.Baselines;

public class BaselineConfigurationTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T12:00:00Z");
    private const string ReadOnlyPolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm-incidents:Get*","ssm-incidents:List*"],"Resource":"*"}]}""";

    private static BaselineConfiguration Read(string json)
    {
        var result = BaselineConfigurationReader.Read(Encoding.UTF8.GetBytes(json), "baseline.json",
            name => name == "readonly.json" ? Encoding.UTF8.GetBytes(ReadOnlyPolicy) : null);
        Assert.Empty(result.Errors);
        return result.Configuration!;
    }

    [Fact]
    public void Reads_mappings_trust_and_suppressions_with_comments()
    {
        var configuration = Read("""
            // comments and trailing commas are fine
            { "trustedAccounts": ["222233334444"], "trustedOrganization": "o-abc",
              "baselines": [ { "match": { "arn": "arn:aws:iam::*:user/admin-*" }, "baseline": "admin" },
                             { "match": { "path": "/oncall/" }, "baseline": "AWSIncidentManagerResolverAccess@v1" },
                             { "match": { "tag": "team=audit" }, "baseline": "readonly.json" }, ],
              "suppressions": [ { "rule": "IMA304", "resource": "arn:aws:iam::*:user/*", "reason": "accepted", "expires": "2027-01-31" } ] }
            """);

        Assert.Equal(["admin", "AWSIncidentManagerResolverAccess@v1", "readonly.json"], configuration.Mappings.Select(m => m.Name));
        Assert.Equal(("222233334444", "o-abc"), (configuration.TrustedAccounts.Single(), configuration.TrustedOrganization));
        Assert.Equal(new DateOnly(2027, 1, 31), configuration.Suppressions.Single().Expires);
    }

    [Theory]
    [InlineData("""{"baselines":[{"match":{},"baseline":"admin"}]}""", "/baselines/0/match: give `arn`, `path` or `tag`")]
    [InlineData("""{"baselines":[{"match":{"path":"/"},"baseline":"NoSuchPolicy"}]}""", "/baselines/0/baseline: `NoSuchPolicy` is neither")]
    [InlineData("""{"suppressions":[{"rule":"IMA304"}]}""", "/suppressions/0: a suppression needs `rule` and `reason`")]
    [InlineData("""{"suppressions":[{"rule":"IMA304","reason":"x","expires":"31/01/2027"}]}""", "/suppressions/0/expires: `31/01/2027` is not a date")]
    [InlineData("""{"trustedAccounts":["12345"]}""", "/trustedAccounts: `12345` is not a 12-digit account id")]
    [InlineData("""{ nope""", "not valid JSON")]
    public void Says_exactly_what_is_wrong(string json, string message)
    {
        var result = BaselineConfigurationReader.Read(Encoding.UTF8.GetBytes(json), "baseline.json", _ => null);

        Assert.Null(result.Configuration);
        Assert.Contains(result.Errors, e => e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Mappings_change_the_baseline_and_admin_silences_least_privilege()
    {
        var configuration = Read("""{"baselines":[{"match":{"arn":"arn:aws:iam::111122223333:user/ana"},"baseline":"admin"},{"match":{"tag":"team=audit"},"baseline":"readonly.json"}]}""");
        var ana = AccountHarness.User("ana", AccountHarness.Allow("\"ssm-incidents:*\""));
        var bo = AccountHarness.User("bo", AccountHarness.Allow("[\"ssm-incidents:GetReplicationSet\",\"ssm-incidents:ListReplicationSets\"]")) with { Tags = [new("team", "audit")] };
        var engine = new PolicyEngine(IamCatalog.Default);

        var configured = engine.Audit(AccountHarness.Account([ana, bo]), Now, configuration);
        var unconfigured = engine.Audit(AccountHarness.Account([ana, bo]), Now);

        Assert.DoesNotContain(configured.Findings, f => f.RuleId is "IMA301" or "IMA302");
        Assert.Contains(unconfigured.Findings, f => f.RuleId == "IMA301" && f.Resource.EndsWith("user/ana", StringComparison.Ordinal));
        Assert.Contains(unconfigured.Findings, f => f.RuleId == "IMA301" && f.Resource.EndsWith("user/bo", StringComparison.Ordinal));
        Assert.Equal(["admin", "readonly.json"], configured.Principals.Select(p => p.Baseline.Name));
    }

    [Fact]
    public void Live_suppressions_hold_findings_back_and_expired_ones_are_listed_and_do_not()
    {
        var configuration = Read("""
            {"suppressions":[
            {"rule":"IMA303","resource":"arn:aws:iam::111122223333:user/ana","reason":"accepted","expires":"2027-01-31"},
            {"rule":"IMA304","resource":"arn:aws:iam::111122223333:user/*","reason":"old","expires":"2026-06-30"}]}
            """);
        var ana = AccountHarness.User("ana", AccountHarness.Allow("\"ssm-incidents:*\""));

        var report = new PolicyEngine(IamCatalog.Default).Audit(AccountHarness.Account([ana]), Now, configuration);

        Assert.DoesNotContain(report.Findings, f => f.RuleId == "IMA303");
        Assert.Equal("IMA303", report.Suppressed.Single().Finding.RuleId);
        Assert.Contains(report.Findings, f => f.RuleId == "IMA304");
        Assert.Equal("IMA304", report.ExpiredSuppressions.Single().RuleId);
    }

    [Fact]
    public void Trusted_accounts_clear_ima402_and_a_foreign_organization_raises_it()
    {
        var share = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"222233334444"},"Action":"ssm-incidents:GetResponsePlan","Resource":"arn:aws:ssm-incidents::111122223333:response-plan/Payments"},{"Effect":"Allow","Principal":"*","Action":"ssm-incidents:GetResponsePlan","Resource":"arn:aws:ssm-incidents::111122223333:response-plan/Payments","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-other"}}}]}""";
        var plan = AccountHarness.Plan("Payments", "runbook") with { ResourcePolicies = [new("p", share, "us-east-1")] };
        var configuration = Read("""{"trustedAccounts":["222233334444"],"trustedOrganization":"o-mine"}""");

        var findings = new PolicyEngine(IamCatalog.Default).Audit(AccountHarness.Account(plans: [plan]), Now, configuration).Findings.Where(f => f.RuleId == "IMA402").ToList();

        Assert.Contains("`o-other`", Assert.Single(findings).Message, StringComparison.Ordinal);
    }
}
