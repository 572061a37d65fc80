using System.Text.Json;
using ImAudit.Aws.Tests;
using ImAudit.AwsEmulator;

namespace ImAudit.Cli.Tests;

/// <summary>
/// <c>imaudit scan --live --organization</c>: Organizations from moto_server, STS and every member account's IAM and
/// Incident Manager from the AWS API emulator (one inventory per account; AssumeRole into a member role selects it),
/// against <c>scan DIR</c> over the same inventories and the AWS CLI's outputs of the same organization.
/// </summary>
public sealed class LiveOrganizationScanTests(MotoOrganizationFixture organization) : IClassFixture<MotoOrganizationFixture>, IDisposable
{
    private const string Role = "ImAuditMemberRole";
    private readonly string _out = Path.Combine(Path.GetTempPath(), "imaudit-live-org-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
            Directory.Delete(_out, recursive: true);
    }

    private Dictionary<string, string> Environment(string emulatorUrl) => new()
    {
        ["AWS_ACCESS_KEY_ID"] = "test", ["AWS_SECRET_ACCESS_KEY"] = "test", ["AWS_REGION"] = "us-east-1",
        ["AWS_ENDPOINT_URL"] = emulatorUrl, ["AWS_ENDPOINT_URL_ORGANIZATIONS"] = organization.MotoUrl,
    };

    private async Task<(EmulatorApp Emulator, IAsyncDisposable App, string Url)> Emulator(params string[] refusing)
    {
        var (emulator, app, url) = await EmulatorApp.StartLocalAsync(organization.Inventories,
            new EmulatorOptions(organization.Management) { DenyAssume = refusing.ToHashSet(StringComparer.Ordinal) });
        return (emulator, app, url);
    }

    private static JsonElement Report(string directory)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "report.json")));
        return json.RootElement.Clone();
    }

    private static List<(string RuleId, string Account, string Resource, string Fingerprint)> Findings(JsonElement report) =>
        [.. report.GetProperty("findings").EnumerateArray().Select(f => (f.GetProperty("ruleId").GetString()!, f.GetProperty("accountId").GetString()!,
            f.GetProperty("resource").GetString()!, f.GetProperty("fingerprint").GetString()!))];

    private static List<string> Accounts(JsonElement report) => [.. report.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("accountId").GetString()!)];

    [ExternalToolFact("moto_server", "python3", "aws")]
    public async Task A_live_organization_scan_finds_exactly_what_scan_DIR_finds_over_the_same_accounts()
    {
        var (emulator, app, url) = await Emulator();
        await using var _ = app;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        // Interactive, as on a terminal: the progress line shows.
        var live = Cli.Run(["scan", "--live", "--organization", "--max-concurrency", "2", "--out", Path.Combine(_out, "live")], stdout, stderr,
            new CliEnvironment(Environment(url), Interactive: true));
        var saved = CliRunner.Run(["scan", organization.Saved, "--out", Path.Combine(_out, "saved")], Environment(url));

        Assert.True(live == 0, stderr.ToString());
        Assert.Equal(0, saved.ExitCode);
        var (liveReport, savedReport) = (Report(Path.Combine(_out, "live")), Report(Path.Combine(_out, "saved")));
        var findings = Findings(liveReport);
        Assert.Equal(Findings(savedReport), findings);
        // The organization audit ran across the accounts, members known: every cross-account rule has something to say.
        Assert.Equal(["IMA701", "IMA702", "IMA703"], findings.Select(f => f.RuleId).Where(r => r.StartsWith("IMA7", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(Accounts(savedReport), Accounts(liveReport));
        Assert.Equal(savedReport.GetProperty("organization").ToString(), liveReport.GetProperty("organization").ToString());
        Assert.True(liveReport.GetProperty("complete").GetBoolean());
        var skipped = Assert.Single(liveReport.GetProperty("notAudited").EnumerateArray());
        Assert.Equal((organization.Suspended, "skipped", "SUSPENDED"), (skipped.GetProperty("accountId").GetString(), skipped.GetProperty("status").GetString(), skipped.GetProperty("state").GetString()));
        // Two member roles assumed; the management account, where no member role is deployed, read with the caller's credentials.
        Assert.Equal(2, emulator.Requests.Count("sts", "AssumeRole"));
        Assert.Contains("collecting accounts: 3/3", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains($"collected organization {organization.OrganizationId}: 3 accounts read, 0 failed, 1 skipped (not active) in ", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains($"organization {organization.OrganizationId}, 3 accounts", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains($"{organization.Suspended} member-0: not audited in state SUSPENDED", stdout.ToString(), StringComparison.Ordinal);
    }

    [ExternalToolFact("moto_server", "python3", "aws")]
    public async Task An_account_refusing_assume_role_is_listed_as_failed_with_the_reason_and_every_other_account_is_audited()
    {
        var (_, app, url) = await Emulator(organization.Analytics);
        await using var _ = app;

        var live = CliRunner.Run(["scan", "--live", "--organization", "--out", Path.Combine(_out, "live"), "--fail-on", "critical"], Environment(url));
        var saved = CliRunner.Run(["scan", organization.Saved, "--out", Path.Combine(_out, "saved")], Environment(url));

        Assert.True(live.ExitCode == 3, live.Stderr);
        var report = Report(Path.Combine(_out, "live"));
        Assert.False(report.GetProperty("complete").GetBoolean());
        Assert.Equal(new[] { organization.Management, organization.Payments }.Order(StringComparer.Ordinal), Accounts(report));
        Assert.All(report.GetProperty("accounts").EnumerateArray(), a => Assert.True(a.GetProperty("complete").GetBoolean()));
        var failed = report.GetProperty("notAudited").EnumerateArray().Single(a => a.GetProperty("status").GetString() == "failed");
        Assert.Equal((organization.Analytics, "member-2"), (failed.GetProperty("accountId").GetString(), failed.GetProperty("name").GetString()));
        var role = $"arn:aws:iam::{organization.Analytics}:role/{Role}";
        Assert.StartsWith($"could not assume `{role}`: AccessDenied: ", failed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains($"imaudit: warning: account {organization.Analytics} (member-2) not audited: could not assume `{role}`: AccessDenied: ", live.Stderr, StringComparison.Ordinal);
        Assert.Contains(": 2 accounts read, 1 failed, 1 skipped (not active)", live.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{organization.Analytics} member-2: NOT AUDITED: could not assume `{role}`", live.Stdout, StringComparison.Ordinal);
        Assert.Contains($"| {organization.Analytics} |", File.ReadAllText(Path.Combine(_out, "live", "report.md")), StringComparison.Ordinal);
        // Every finding of the audited accounts is one scan DIR finds; what is missing is what only the refused account's inventory could tell.
        var savedReport = Report(Path.Combine(_out, "saved"));
        var found = Findings(report);
        Assert.Subset(Findings(savedReport).ToHashSet(), found.ToHashSet());
        var missing = savedReport.GetProperty("findings").EnumerateArray().Where(f => !found.Any(l => l.Fingerprint == f.GetProperty("fingerprint").GetString())).ToList();
        Assert.NotEmpty(missing);
        Assert.All(missing, f => Assert.True(f.GetProperty("accountId").GetString() == organization.Analytics
            || (f.GetProperty("ruleId").GetString() == "IMA702" && f.GetProperty("details").GetProperty("granteeAccount").GetString() == organization.Analytics), f.ToString()));
        Assert.Equal(0, saved.ExitCode);
    }

    [ExternalToolFact("moto_server", "python3", "aws")]
    public async Task The_snapshot_of_a_live_organization_scan_is_the_previous_of_the_next_and_a_refused_accounts_findings_are_neither_resolved_nor_new_later()
    {
        string[] Scan(string name, string url, params string[] more)
        {
            var result = CliRunner.Run(["scan", "--live", "--organization", "--out", Path.Combine(_out, name), .. more], Environment(url));
            Assert.True(result.ExitCode == 0, result.Stderr);
            return [.. Findings(Report(Path.Combine(_out, name))).Select(f => f.Fingerprint)];
        }
        var (_, app, url) = await Emulator();
        var (_, refusingApp, refusingUrl) = await Emulator(organization.Payments);
        await using var _ = app;
        await using var __ = refusingApp;

        var first = Scan("first", url);
        Scan("again", url, "--previous", Path.Combine(_out, "first"));
        Scan("refused", refusingUrl, "--previous", Path.Combine(_out, "first", "snapshot.json"));
        var readAgain = Scan("read again", url, "--previous", Path.Combine(_out, "refused"));

        var again = Report(Path.Combine(_out, "again")).GetProperty("drift");
        Assert.Equal((0, 0, first.Length), (again.GetProperty("new").GetArrayLength(), again.GetProperty("resolved").GetArrayLength(), again.GetProperty("persisting").GetInt32()));
        var refused = Report(Path.Combine(_out, "refused"));
        var drift = refused.GetProperty("drift");
        Assert.Equal(0, drift.GetProperty("new").GetArrayLength());
        // The payments account was not read: its findings are neither resolved nor persisting, only left out.
        Assert.Contains(Findings(Report(Path.Combine(_out, "first"))), f => f.Account == organization.Payments);
        Assert.DoesNotContain(drift.GetProperty("resolved").EnumerateArray(), f => f.GetProperty("accountId").GetString() == organization.Payments);
        Assert.Equal(Findings(refused).Count, drift.GetProperty("persisting").GetInt32());
        // The refused run's snapshot carried the payments account forward: read again, none of its findings is new, none resolved.
        var back = Report(Path.Combine(_out, "read again")).GetProperty("drift");
        var paymentsFindings = Findings(Report(Path.Combine(_out, "first"))).Where(f => f.Account == organization.Payments).Select(f => f.Fingerprint).ToList();
        Assert.DoesNotContain(back.GetProperty("new").EnumerateArray(), f => paymentsFindings.Contains(f.GetString()!));
        Assert.Equal(0, back.GetProperty("resolved").GetArrayLength());
        Assert.Equal(first.Order(StringComparer.Ordinal), readAgain.Order(StringComparer.Ordinal));
    }

    [ExternalToolFact("moto_server", "python3", "aws")]
    public async Task An_organization_that_cannot_be_described_is_a_warning_and_an_incomplete_audit()
    {
        var (_, app, url) = await Emulator();
        await using var _ = app;
        using var handler = new RefusingDescribeOrganization();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = Cli.Run(["scan", "--live", "--organization", "--out", _out, "--fail-on", "critical"], stdout, stderr, new CliEnvironment(Environment(url), Interactive: false, handler));

        Assert.True(code == 3, stderr.ToString());
        Assert.Contains("imaudit: warning: could not describe the organization: AccessDeniedException: not allowed here\n", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("collected organization (not described): 3 accounts read, 0 failed, 1 skipped (not active) in ", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("; the organization could not be read whole (1 error)", stderr.ToString(), StringComparison.Ordinal);
        // The account list still came: the members are known, every account is audited.
        Assert.Equal(3, Accounts(Report(_out)).Count);
        Assert.Equal("member-1", Report(_out).GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("accountId").GetString() == organization.Payments).GetProperty("name").GetString());
    }

    // Security Hub takes a finding only from the account it is about. The organization scan imported every account's
    // findings with the caller's credentials, which real Security Hub refuses for each member's (moto takes them all).
    [ExternalToolFact("moto_server", "python3", "aws")]
    public void Regression_scan_DIR_imports_only_its_own_accounts_findings_and_says_which_accounts_it_cannot_send()
    {
        // Everything at moto: STS says the credentials are the management account's (moto's default account).
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "test", ["AWS_SECRET_ACCESS_KEY"] = "test", ["AWS_REGION"] = "us-west-2", ["AWS_ENDPOINT_URL"] = organization.MotoUrl,
        };

        var result = CliRunner.Run(["scan", organization.Saved, "--out", _out, "--security-hub"], environment);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var own = AsffFindings(_out, organization.Management);
        Assert.Contains($"security hub (us-west-2), account {organization.Management}: {own} findings imported\n", result.Stderr, StringComparison.Ordinal);
        var members = AsffAccounts(_out).Where(a => a != organization.Management).ToList();
        Assert.NotEmpty(members);
        foreach (var member in members)
        {
            Assert.Contains($"imaudit: warning: security hub: the findings of account {member} are not sent: Security Hub takes a finding only from the account it is about, and these credentials are account {organization.Management}'s", result.Stderr, StringComparison.Ordinal);
        }
        var imported = SecurityHubFindingIds(environment);
        Assert.Equal(own, imported.Count(id => id.StartsWith($"imaudit/{organization.Management}/", StringComparison.Ordinal)));
        Assert.DoesNotContain(imported, id => members.Any(m => id.StartsWith($"imaudit/{m}/", StringComparison.Ordinal)));
    }

    // Each account's batches said its first Region while the import went to one Region for all.
    [ExternalToolFact("moto_server", "python3", "aws")]
    public void Regression_findings_sent_to_security_hub_are_for_the_region_they_are_sent_to()
    {
        var saved = Path.Combine(_out, "saved");
        Directory.CreateDirectory(saved);
        foreach (var file in Directory.GetFiles(organization.Saved))
            File.WriteAllText(Path.Combine(saved, Path.GetFileName(file)), File.ReadAllText(file).Replace("\"regions\": []", "\"regions\": [\"eu-west-1\"]", StringComparison.Ordinal));
        var environment = new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "test", ["AWS_SECRET_ACCESS_KEY"] = "test", ["AWS_ENDPOINT_URL"] = organization.MotoUrl };

        var result = CliRunner.Run(["scan", saved, "--out", Path.Combine(_out, "report"), "--security-hub"], environment);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains($"security hub (us-east-1), account {organization.Management}: ", result.Stderr, StringComparison.Ordinal);
        var regions = Directory.GetFiles(Path.Combine(_out, "report", "asff"), "*.json").SelectMany(file =>
        {
            using var batch = JsonDocument.Parse(File.ReadAllBytes(file));
            return batch.RootElement.GetProperty("Findings").EnumerateArray().Select(f => f.GetProperty("Region").GetString()!).ToList();
        }).Distinct();
        Assert.Equal(["us-east-1"], regions);
    }

    [ExternalToolFact("moto_server", "python3", "aws")]
    public async Task A_live_organization_scan_imports_each_members_findings_through_its_member_role()
    {
        var (emulator, app, url) = await Emulator();
        await using var _ = app;
        var environment = new Dictionary<string, string>(Environment(url)) { ["AWS_ENDPOINT_URL_SECURITYHUB"] = organization.MotoUrl };

        var result = CliRunner.Run(["scan", "--live", "--organization", "--out", _out, "--security-hub"], environment);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var accounts = AsffAccounts(_out);
        Assert.Contains(organization.Management, accounts);
        Assert.True(accounts.Count > 1);
        foreach (var account in accounts)
            Assert.Contains($"security hub (us-east-1), account {account}: {AsffFindings(_out, account)} findings imported\n", result.Stderr, StringComparison.Ordinal);
        // Each member with findings has its role assumed twice: to read the account, then to import its findings as it.
        Assert.Equal(2 + accounts.Count - 1, emulator.Requests.Count("sts", "AssumeRole"));
        Assert.DoesNotContain("not sent", result.Stderr, StringComparison.Ordinal);
    }

    // The accounts the scan's ASFF batches hold findings of.
    private static List<string> AsffAccounts(string directory) =>
        [.. Directory.GetFiles(Path.Combine(directory, "asff"), "*.json").SelectMany(file =>
        {
            using var batch = JsonDocument.Parse(File.ReadAllBytes(file));
            return batch.RootElement.GetProperty("Findings").EnumerateArray().Select(f => f.GetProperty("AwsAccountId").GetString()!).ToList();
        }).Distinct().Order(StringComparer.Ordinal)];

    // How many findings the scan's ASFF batches hold for one account.
    private static int AsffFindings(string directory, string account) =>
        Directory.GetFiles(Path.Combine(directory, "asff"), "*.json").Sum(file =>
        {
            using var batch = JsonDocument.Parse(File.ReadAllBytes(file));
            return batch.RootElement.GetProperty("Findings").EnumerateArray().Count(f => f.GetProperty("AwsAccountId").GetString() == account);
        });

    // What moto's Security Hub holds for the credentials' account, read by the AWS CLI.
    private List<string> SecurityHubFindingIds(Dictionary<string, string> environment)
    {
        var (code, stdout, stderr) = ExternalTool.Run("aws", ["securityhub", "get-findings", "--endpoint-url", organization.MotoUrl, "--output", "json"],
            new Dictionary<string, string>(environment) { ["AWS_DEFAULT_REGION"] = environment["AWS_REGION"], ["AWS_CONFIG_FILE"] = "/dev/null" });
        Assert.True(code == 0, stderr);
        using var found = JsonDocument.Parse(stdout);
        return [.. found.RootElement.GetProperty("Findings").EnumerateArray().Select(f => f.GetProperty("Id").GetString()!)];
    }

    // Organizations refuses DescribeOrganization; everything else goes through to moto and the emulator.
    private sealed class RefusingDescribeOrganization() : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.Headers.TryGetValues("X-Amz-Target", out var target) && target.Single() == "AWSOrganizationsV20161128.DescribeOrganization"
                ? Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest)
                {
                    Content = new StringContent("""{"__type":"AccessDeniedException","message":"not allowed here"}""", System.Text.Encoding.UTF8, "application/x-amz-json-1.1"),
                })
                : base.SendAsync(request, cancellationToken);
    }
}
