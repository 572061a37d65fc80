using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImAudit.Aws.Tests;
using ImAudit.AwsEmulator;
using ImAudit.Engine;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Organizations;
using ImAudit.LambdaRuntimeHost;

namespace ImAudit.Function.Tests;

/// <summary>
/// The organization audit run as it runs in AWS, without AWS: moto_server holds the organization (the management
/// account and four members, the first closed) and runs the template's state machine definition for real; every
/// Lambda invocation it makes reaches the real Native AOT bootstrap under the Lambda runtime host (through a proxy at
/// moto's MOTO_PORT); the AWS API emulator serves each account's IAM, Incident Manager and STS (one member refuses
/// AssumeRole) and the report bucket.
/// </summary>
[Collection(BootstrapCollection.Name)]
public sealed class OrganizationEndToEndTests(BootstrapFixture bootstrap)
{
    private const string Bucket = "imaudit-reports";

    // A sample account's inventory with the samples' account IDs (central 111122223333, payments 444455556666) replaced.
    private static AccountInventory Sample(string file, string central, string payments) =>
        InventoryJson.Read(Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "organization", file))
            .Replace("111122223333", central, StringComparison.Ordinal).Replace("444455556666", payments, StringComparison.Ordinal)), file).Inventory!;

    [ExternalToolFact("moto_server", "python3")]
    public async Task The_template_state_machine_audits_every_account_and_reports_the_one_whose_role_cannot_be_assumed()
    {
        // The proxy first, on a port the system gives: a port chosen, released and bound later was once taken in between.
        string? motoUrl = null, hostUrl = null;
        await using var proxy = LambdaProxy.Build(() => motoUrl!, () => hostUrl!);
        await proxy.StartAsync();
        var proxyPort = new Uri(proxy.Urls.First()).Port;
        (var moto, motoUrl) = await MotoFixture.StartServerAsync(new Dictionary<string, string> { ["MOTO_PORT"] = proxyPort.ToString(CultureInfo.InvariantCulture) });
        Process? function = null;
        var log = new StringBuilder();
        try
        {
            var (seedCode, seedOut, seedErr) = ExternalTool.Run("python3", [Path.Combine(AppContext.BaseDirectory, "Template", "seed_organization.py"), motoUrl, "4"],
                new Dictionary<string, string>(), TimeSpan.FromMinutes(2));
            Assert.True(seedCode == 0, $"seeding moto's organization failed: {seedErr}");
            var seeded = JsonNode.Parse(seedOut)!;
            var management = (string)seeded["management"]!;
            var members = seeded["members"]!.AsArray().Select(m => (string)m!).ToList();
            var (suspended, payments, analytics, refused) = (members[0], members[1], members[2], members[3]);
            // The central account (sharing a response plan with the payments member) as the management account, and
            // the payments member as three members.
            var inventories = new[]
            {
                Sample("central.json", management, payments), Sample("payments-member.json", management, payments),
                Sample("payments-member.json", management, analytics), Sample("payments-member.json", management, refused),
            };
            var (emulator, emulatorApp, emulatorUrl) = await EmulatorApp.StartLocalAsync(inventories, new EmulatorOptions(management) { DenyAssume = new HashSet<string> { refused } });
            await using var _ = emulatorApp;
            emulator.S3.CreateBucket(Bucket);
            var functionArn = $"arn:aws:lambda:us-east-1:{management}:function:imaudit";
            var host = new RuntimeHost { Timeout = TimeSpan.FromMinutes(3), FunctionArn = functionArn };
            await using var hostApp = host.Build("http://127.0.0.1:0");
            await hostApp.StartAsync();
            hostUrl = hostApp.Urls.First();
            function = BootstrapProcess.Start(bootstrap.Path, new Uri(hostApp.Urls.First()),
            [
                ("AWS_ACCESS_KEY_ID", "test"), ("AWS_SECRET_ACCESS_KEY", "test"), ("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL", emulatorUrl),
                ("AWS_ENDPOINT_URL_ORGANIZATIONS", motoUrl), ("IMAUDIT_REPORT_BUCKET", Bucket), ("AWS_LAMBDA_LOG_FORMAT", "JSON"),
            ], log);

            var (code, stdout, stderr) = ExternalTool.Run("python3",
                [Path.Combine(AppContext.BaseDirectory, "Template", "run_state_machine.py"), motoUrl, Path.Combine(BootstrapFixture.RepositoryRoot(), "statemachine", "organization-audit.asl.json"), functionArn, "2"],
                new Dictionary<string, string>(), TimeSpan.FromMinutes(12));
            Assert.True(code == 0, $"running the state machine in moto failed: {stderr}\n{log}");
            var run = JsonNode.Parse(stdout)!;

            Assert.True((string?)run["status"] == "SUCCEEDED", $"{run["error"]}: {run["cause"]}\n{log}");
            var aggregate = run["output"]!["aggregate"]!;
            Assert.Equal((5, 3, 1, 1, false), ((int)aggregate["accounts"]!, (int)aggregate["audited"]!, (int)aggregate["failed"]!, (int)aggregate["skipped"]!, (bool)aggregate["complete"]!));
            var objects = emulator.S3.Objects(Bucket);
            // Every audited account (the management account with the function's own credentials) left its snapshot.
            foreach (var account in new[] { management, payments, analytics })
                Assert.Contains($"imaudit/snapshots/{account}/latest.json", objects.Keys);
            Assert.DoesNotContain(objects.Keys, k => k.Contains(refused, StringComparison.Ordinal));
            var reportKey = aggregate["reports"]!.AsArray().Select(r => (string)r!).Single(r => r.EndsWith("/report.json", StringComparison.Ordinal));
            var report = JsonNode.Parse(objects[reportKey].Body)!;
            Assert.Equal(new[] { management, payments, analytics }.Order(StringComparer.Ordinal), report["accounts"]!.AsArray().Select(a => (string)a!["accountId"]!));
            var notAudited = report["notAudited"]!.AsArray().ToDictionary(a => (string)a!["accountId"]!, a => a!);
            Assert.Equal("failed", (string?)notAudited[refused]["status"]);
            Assert.StartsWith($"RoleNotAssumedException: could not assume `arn:aws:iam::{refused}:role/ImAuditMemberRole`: AccessDenied: ", (string?)notAudited[refused]["reason"], StringComparison.Ordinal);
            Assert.Equal("skipped", (string?)notAudited[suspended]["status"]);
            Assert.Equal((string)seeded["organizationId"]!, (string?)report["organization"]!["id"]);
            // The organization report is the organization audit of the same accounts in one process.
            var organization = new Organization((string)seeded["organizationId"]!, null, management,
                [.. new[] { management, payments, analytics, refused }.Select(id => new OrganizationMember(id, null, null, "ACTIVE")), new OrganizationMember(suspended, null, null, "SUSPENDED")]);
            var expected = new PolicyEngine(IamCatalog.Default).AuditOrganization(inventories[..3], organization, DateTimeOffset.UtcNow);
            Assert.NotEmpty(expected.CrossAccountFindings);
            Assert.Equal(expected.Findings.Select(f => f.Fingerprint).Order(StringComparer.Ordinal),
                report["findings"]!.AsArray().Select(f => (string)f!["fingerprint"]!).Order(StringComparer.Ordinal));
            // The metrics count the account not audited.
            var metrics = log.ToString().Split('\n').Single(l => l.Contains("\"AccountsNotAudited\"", StringComparison.Ordinal) && l.Contains("\"_aws\"", StringComparison.Ordinal));
            Assert.Equal(1, JsonDocument.Parse(metrics).RootElement.GetProperty("AccountsNotAudited").GetInt32());
            Assert.Contains("MapRunStarted", run["events"]!.AsArray().Select(e => (string?)e));
        }
        finally
        {
            if (function is { HasExited: false })
                function.Kill();
            function?.Dispose();
            moto.Kill(entireProcessTree: true);
            moto.Dispose();
        }
    }
}
