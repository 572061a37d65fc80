using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImAudit.Cli.Tests;

/// <summary>
/// <c>imaudit scan DIR</c> over several accounts: the sample organization (samples/organization, made by
/// tools/demo/make-organization.py) audited as one, its report, its ASFF batches, and drift across accounts.
/// </summary>
public sealed class OrganizationScanTests : IDisposable
{
    private const string Central = "111122223333";
    private const string Payments = "444455556666";
    private const string Analytics = "777788889999";
    private const string Responder = "arn:aws:iam::444455556666:role/IncidentResponder";
    private readonly string _out = Path.Combine(Path.GetTempPath(), "imaudit-org-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
            Directory.Delete(_out, recursive: true);
    }

    private static string Sample => CliRunner.Fixture("organization");

    private (CliResult Result, JsonElement Report) Scan(string input, string name, params string[] more)
    {
        var reports = Path.Combine(_out, name);
        var result = CliRunner.Run(["scan", input, "--out", reports, .. more]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(reports, "report.json")));
        return (result, json.RootElement.Clone());
    }

    private static List<JsonElement> Findings(JsonElement report, string ruleId) =>
        [.. report.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("ruleId").GetString() == ruleId)];

    private static List<string> Strings(JsonElement array, string property) => [.. array.EnumerateArray().Select(e => e.GetProperty(property).GetString()!)];

    [Fact]
    public void Members_of_the_listed_organization_are_trusted_and_outsiders_are_not()
    {
        var (_, report) = Scan(Sample, "trust");

        // The plans are shared with 444455556666 and 777788889999 (active members) and 999999999999 (outside):
        // IMA402 speaks only of the outsider, next to IMA703.
        var untrusted = Findings(report, "IMA402");
        Assert.NotEmpty(untrusted);
        Assert.All(untrusted, f => Assert.Contains("999999999999", f.GetProperty("message").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_the_reach_both_halves_allow_and_only_what_the_share_grants()
    {
        var (_, report) = Scan(Sample, "r");

        var reach = Findings(report, "IMA701");
        Assert.All(reach, f => Assert.Equal(Responder, f.GetProperty("resource").GetString()));
        Assert.All(reach, f => Assert.Equal(Payments, f.GetProperty("accountId").GetString()));
        var plan = Assert.Single(reach, f => f.GetProperty("location").GetProperty("policy").GetString() == "arn:aws:ssm-incidents::111122223333:response-plan/Payments#payments-share");
        Assert.Equal("medium", plan.GetProperty("severity").GetString());
        Assert.Equal("ShareWithMembers", plan.GetProperty("location").GetProperty("sid").GetString());
        // The role holds AWSIncidentManagerResolverAccess and DeleteResponsePlan; the share grants six actions.
        Assert.Equal(["ssm-incidents:CreateTimelineEvent", "ssm-incidents:GetIncidentRecord", "ssm-incidents:GetResponsePlan", "ssm-incidents:ListTimelineEvents", "ssm-incidents:StartIncident", "ssm-incidents:UpdateIncidentRecord"],
            Strings(plan.GetProperty("details").GetProperty("actions"), "action"));
        var contact = Assert.Single(reach, f => f.GetProperty("location").GetProperty("policy").GetString() == "arn:aws:ssm-contacts:us-east-1:111122223333:contact/sev1#policy");
        Assert.Equal(["ssm-contacts:StartEngagement"], Strings(contact.GetProperty("details").GetProperty("actions"), "action"));
        Assert.DoesNotContain(report.GetProperty("findings").EnumerateArray(), f => f.GetProperty("resource").GetString()!.EndsWith("role/ReadOnlyAnalyst", StringComparison.Ordinal) && f.GetProperty("ruleId").GetString()!.StartsWith("IMA7", StringComparison.Ordinal));
        Assert.Contains(Findings(report, "IMA306"), f => f.GetProperty("resource").GetString() == Responder);
        Assert.Contains(Findings(report, "IMA307"), f => f.GetProperty("resource").GetString() == Responder);
    }

    [Fact]
    public void Reports_the_share_nobody_can_use_and_the_share_outside_the_organization()
    {
        var (_, report) = Scan(Sample, "r");

        var unused = Findings(report, "IMA702");
        var analytics = Assert.Single(unused, f => f.GetProperty("details").GetProperty("granteeAccount").GetString() == Analytics);
        Assert.Equal("arn:aws:ssm-incidents::111122223333:response-plan/Payments", analytics.GetProperty("resource").GetString());
        Assert.Equal(Central, analytics.GetProperty("accountId").GetString());
        Assert.Equal("/Statement/0/Principal/AWS/1", analytics.GetProperty("location").GetProperty("pointer").GetString());
        Assert.Single(unused, f => f.GetProperty("details").GetProperty("grantee").GetString() == "arn:aws:iam::444455556666:role/OldResponder");
        var outside = Assert.Single(Findings(report, "IMA703"));
        Assert.Equal("high", outside.GetProperty("severity").GetString());
        Assert.Equal("arn:aws:ssm-incidents::111122223333:response-plan/Checkout", outside.GetProperty("resource").GetString());
        Assert.Equal("999999999999", outside.GetProperty("details").GetProperty("granteeAccount").GetString());
    }

    [Fact]
    public void Writes_one_organization_report_with_every_account()
    {
        var (result, report) = Scan(Sample, "r");

        Assert.Equal("1", report.GetProperty("schemaVersion").GetString());
        Assert.Equal("organization", report.GetProperty("kind").GetString());
        Assert.Equal("o-a1b2c3d4e5", report.GetProperty("organization").GetProperty("id").GetString());
        var accounts = report.GetProperty("accounts").EnumerateArray().ToList();
        Assert.Equal([Central, Payments, Analytics], accounts.Select(a => a.GetProperty("accountId").GetString()));
        Assert.Equal(["central", "payments", "analytics"], accounts.Select(a => a.GetProperty("name").GetString()));
        Assert.All(accounts, a => Assert.Equal("ACTIVE", a.GetProperty("state").GetString()));
        Assert.All(accounts, a => Assert.True(a.GetProperty("complete").GetBoolean()));
        Assert.All(accounts, a => Assert.True(a.GetProperty("counts").TryGetProperty("high", out _)));
        Assert.All(report.GetProperty("findings").EnumerateArray(), f => Assert.Matches("^[0-9]{12}$", f.GetProperty("accountId").GetString()));
        var reach = report.GetProperty("crossAccountReach").EnumerateArray().ToList();
        Assert.Equal(2, reach.Count);
        Assert.All(reach, r => Assert.Equal(Responder, r.GetProperty("principal").GetString()));
        Assert.All(reach, r => Assert.Equal(Central, r.GetProperty("resourceAccount").GetString()));
        // The two pages of the analytics account's authorization details are one account.
        Assert.Contains("777788889999 analytics (active): 2 principals", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("across accounts:", result.Stdout, StringComparison.Ordinal);
        var markdown = File.ReadAllText(Path.Combine(_out, "r", "report.md"));
        Assert.Contains("## Accounts", markdown, StringComparison.Ordinal);
        Assert.Contains("## Cross-account reach", markdown, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(_out, "r", "report.html"));
        Assert.Contains("id=\"accounts-table\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"reach-table\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html.Replace("http-equiv", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Puts_each_asff_finding_under_its_own_account()
    {
        Scan(Sample, "r");

        var batches = Directory.GetFiles(Path.Combine(_out, "r", "asff"), "*.json").Order(StringComparer.Ordinal).ToList();
        var findings = batches.SelectMany(b => JsonDocument.Parse(File.ReadAllBytes(b)).RootElement.GetProperty("Findings").EnumerateArray().ToList()).ToList();
        Assert.Contains(findings, f => f.GetProperty("AwsAccountId").GetString() == Payments && f.GetProperty("Title").GetString()!.StartsWith("IMA701", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.GetProperty("AwsAccountId").GetString() == Central && f.GetProperty("Title").GetString()!.StartsWith("IMA703", StringComparison.Ordinal));
        Assert.All(findings, f => Assert.Contains($":{f.GetProperty("AwsAccountId").GetString()}:product/", f.GetProperty("ProductArn").GetString(), StringComparison.Ordinal));
        Assert.All(findings, f => Assert.StartsWith($"imaudit/{f.GetProperty("AwsAccountId").GetString()}/", f.GetProperty("Id").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_scan_with_previous_reports_drift_across_accounts()
    {
        Scan(Sample, "first");
        // The payments account drops its Incident Manager grants: its reach is gone and its share unused.
        var changed = Path.Combine(_out, "changed");
        Directory.CreateDirectory(changed);
        foreach (var file in Directory.GetFiles(Sample, "*.json"))
            File.Copy(file, Path.Combine(changed, Path.GetFileName(file)));
        var payments = JsonNode.Parse(File.ReadAllText(Path.Combine(changed, "payments-member.json")))!;
        var responder = payments["roles"]!.AsArray().Single(r => (string?)r!["name"] == "IncidentResponder")!;
        responder["attachedPolicies"] = new JsonArray();
        responder["inlinePolicies"] = new JsonArray();
        File.WriteAllText(Path.Combine(changed, "payments-member.json"), payments.ToJsonString());

        var (result, report) = Scan(changed, "second", "--previous", Path.Combine(_out, "first"));

        var drift = report.GetProperty("drift");
        var resolved = drift.GetProperty("resolved").EnumerateArray().ToList();
        Assert.Contains(resolved, f => f.GetProperty("ruleId").GetString() == "IMA701" && f.GetProperty("accountId").GetString() == Payments);
        var fresh = drift.GetProperty("new").EnumerateArray().Select(e => e.GetString()).ToHashSet();
        var newFindings = report.GetProperty("findings").EnumerateArray().Where(f => fresh.Contains(f.GetProperty("fingerprint").GetString())).ToList();
        Assert.Contains(newFindings, f => f.GetProperty("ruleId").GetString() == "IMA702" && f.GetProperty("details").GetProperty("granteeAccount").GetString() == Payments);
        // The member account's own drift rules ran against its previous inventory.
        Assert.Contains(newFindings, f => f.GetProperty("ruleId").GetString() == "IMA605" && f.GetProperty("accountId").GetString() == Payments);
        Assert.True(drift.GetProperty("persisting").GetInt32() > 0);
        Assert.Contains("since the previous run", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scan_of_one_account_refuses_an_organization_snapshot()
    {
        Scan(Sample, "first");

        var result = CliRunner.Run("scan", CliRunner.Fixture("demo-account/inventory.json"), "--out", Path.Combine(_out, "single"), "--previous", Path.Combine(_out, "first"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is the snapshot of an organization audit", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_inventories_of_one_account_in_a_folder_merge_as_pages_do()
    {
        var folder = Path.Combine(_out, "one-account");
        Directory.CreateDirectory(folder);
        var central = JsonNode.Parse(File.ReadAllText(Path.Combine(Sample, "central.json")))!;
        var second = central.DeepClone();
        central["contacts"] = new JsonArray();
        second["responsePlans"] = new JsonArray();
        File.WriteAllText(Path.Combine(folder, "a.json"), central.ToJsonString());
        File.WriteAllText(Path.Combine(folder, "b.json"), second.ToJsonString());
        File.Copy(Path.Combine(Sample, "organization.json"), Path.Combine(folder, "organization.json"));

        var (_, report) = Scan(folder, "r");

        Assert.Equal(Central, report.GetProperty("accountId").GetString());
        Assert.False(report.TryGetProperty("kind", out _));
        Assert.DoesNotContain(report.GetProperty("findings").EnumerateArray(), f => f.TryGetProperty("accountId", out _));
    }
}
