using System.Text.Json;
using ImAudit.Engine;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Drift;
using ImAudit.Engine.Reports;

namespace ImAudit.Aws.Tests;

/// <summary>ImAudit's ASFF batches imported into moto_server's Security Hub by the real AWS CLI (botocore checks the shape).</summary>
[Collection("emulator")]
public sealed class SecurityHubAsffTests(EmulatorFixture emulator, MotoFixture moto) : IClassFixture<MotoFixture>
{
    [Fact]
    public void Every_batch_of_the_demo_account_imports_with_no_failed_finding()
    {
        var report = new PolicyEngine(IamCatalog.Default).Audit(emulator.Inventory, DateTimeOffset.UtcNow);
        var batches = Asff.Batches(report, SnapshotJson.FirstSeenFor(report, null), "us-east-1");
        var imported = 0;
        foreach (var batch in batches)
        {
            var file = Path.GetTempFileName();
            File.WriteAllBytes(file, batch);
            var (code, stdout, stderr) = ExternalTool.Run("aws", ["securityhub", "batch-import-findings", "--cli-input-json", "file://" + file, "--endpoint-url", moto.Url, "--output", "json"], DefaultEnvironment);
            File.Delete(file);
            Assert.True(code == 0, stderr);
            using var answer = JsonDocument.Parse(stdout);
            Assert.Equal(0, answer.RootElement.GetProperty("FailedCount").GetInt32());
            imported += answer.RootElement.GetProperty("SuccessCount").GetInt32();
        }

        Assert.Equal(report.Findings.Length, imported);
    }

    [Fact]
    public async Task The_security_hub_client_imports_every_batch_and_the_cli_finds_them_there()
    {
        var inventory = emulator.Inventory with { AccountId = "123456789012" };
        var report = new PolicyEngine(IamCatalog.Default).Audit(inventory, DateTimeOffset.UtcNow);
        var batches = Asff.Batches(report, SnapshotJson.FirstSeenFor(report, null), "us-east-1");
        using var client = new SecurityHub.AmazonSecurityHubClient(moto.Settings());

        var result = await SecurityHub.SecurityHubExport.ImportAsync(client, batches);

        Assert.Equal(report.Findings.Length, result.Imported);
        Assert.Empty(result.Failed);
        var ours = FindingIds(DefaultEnvironment).Where(id => id.StartsWith("imaudit/123456789012/", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(report.Findings.Select(f => $"imaudit/123456789012/{f.Fingerprint}").ToHashSet(), ours);
    }

    // The function imported a member account's findings with its own credentials: real Security Hub refuses every one
    // (BatchImportFindings with the default product takes a finding only from the account it is about), moto files
    // them under the function's account. The clients that read an account now import its findings, as that account.
    [Fact]
    public async Task Regression_an_assumed_accounts_findings_go_into_that_accounts_security_hub()
    {
        const string Member = "222233334444";
        var inventory = emulator.Inventory with { AccountId = Member };
        var report = new PolicyEngine(IamCatalog.Default).Audit(inventory, DateTimeOffset.UtcNow);
        var batches = Asff.Batches(report, SnapshotJson.FirstSeenFor(report, null), "us-east-1");
        var clients = Collection.AwsClientFactory.Create(Collection.AwsClientFactory.Assume(moto.Settings(), $"arn:aws:iam::{Member}:role/ImAuditMemberRole", null));

        using (var securityHub = clients.SecurityHub!())
            Assert.Equal(report.Findings.Length, (await SecurityHub.SecurityHubExport.ImportAsync(securityHub, batches)).Imported);

        var member = AssumedEnvironment($"arn:aws:iam::{Member}:role/ImAuditMemberRole");
        Assert.Equal(report.Findings.Length, FindingIds(member).Count(id => id.StartsWith($"imaudit/{Member}/", StringComparison.Ordinal)));
        Assert.DoesNotContain(FindingIds(DefaultEnvironment), id => id.StartsWith($"imaudit/{Member}/", StringComparison.Ordinal));
    }

    // The function's organization run imported no cross-account finding. Its aggregate step now imports each
    // member's through the member role (moto's STS), into that member's Security Hub, read back by the AWS CLI as it.
    [Fact]
    public async Task The_aggregate_step_imports_a_members_cross_account_findings_into_the_members_security_hub()
    {
        const string Central = "111122223333", Payments = "444455556666";
        var root = Path.Combine(Path.GetTempPath(), "imaudit-aggregate-hub-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new Storage.DirectoryReportStore(root);
            foreach (var file in new[] { "central.json", "payments-member.json" })
            {
                var inventory = Engine.Inventory.InputFile.Read(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "organization", file)), file).Inventory!;
                var report = new PolicyEngine(IamCatalog.Default).Audit(inventory, DateTimeOffset.UtcNow);
                await store.WriteAsync($"imaudit/snapshots/{inventory.AccountId}/latest.json", SnapshotJson.Write(inventory, report), "application/json", Storage.WriteCondition.Always);
            }
            var settings = Pipeline.FunctionSettings.FromEnvironment(new Dictionary<string, string>
            {
                ["IMAUDIT_REPORT_BUCKET"] = "bucket", ["IMAUDIT_SECURITY_HUB"] = "true", ["IMAUDIT_MEMBER_ROLE_NAME"] = "ImAuditMemberRole",
            });
            var log = new List<(string Level, string Message)>();
            var request = Pipeline.AuditRequest.Parse(System.Text.Encoding.UTF8.GetBytes(
                $$"""{"action":"aggregate","execution":"arn:aws:states:us-east-1:{{Central}}:execution:imaudit:run","results":[[[],[{"accountId":"{{Central}}","status":"audited"},{"accountId":"{{Payments}}","status":"audited"}]]]}"""), out _);

            await new Pipeline.AuditInvocation(settings, moto.Settings(), store, TimeProvider.System, (level, message) => log.Add((level, message)))
                .RunAsync(request, () => Central, DateTimeOffset.UtcNow.AddMinutes(5));

            var batches = (await store.ListAsync("imaudit/runs/")).Where(k => k.Contains("/asff/", StringComparison.Ordinal)).ToList();
            var sent = new List<string>();
            foreach (var key in batches)
            {
                using var batch = JsonDocument.Parse((await store.ReadAsync(key))!.Body);
                sent.AddRange(batch.RootElement.GetProperty("Findings").EnumerateArray().Select(f => f.GetProperty("Id").GetString()!).Where(id => id.StartsWith($"imaudit/{Payments}/", StringComparison.Ordinal)));
            }
            Assert.NotEmpty(sent);
            Assert.Contains(log, l => l.Level == "INFO" && l.Message == $"Security Hub: account {Payments}: {sent.Count} cross-account findings imported, 0 refused");
            var member = FindingIds(AssumedEnvironment($"arn:aws:iam::{Payments}:role/ImAuditMemberRole"));
            Assert.Equal(sent.Order(StringComparer.Ordinal), member.Where(id => id.StartsWith($"imaudit/{Payments}/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static readonly Dictionary<string, string> DefaultEnvironment = new()
    {
        ["AWS_ACCESS_KEY_ID"] = "test", ["AWS_SECRET_ACCESS_KEY"] = "test", ["AWS_DEFAULT_REGION"] = "us-east-1", ["AWS_CONFIG_FILE"] = "/dev/null",
    };

    // The AWS CLI's own credentials for the role, from moto's STS: an independent client reading as that account.
    private Dictionary<string, string> AssumedEnvironment(string roleArn)
    {
        var (code, stdout, stderr) = ExternalTool.Run("aws", ["sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "reader", "--endpoint-url", moto.Url, "--output", "json"], DefaultEnvironment);
        Assert.True(code == 0, stderr);
        using var answer = JsonDocument.Parse(stdout);
        var credentials = answer.RootElement.GetProperty("Credentials");
        return new Dictionary<string, string>(DefaultEnvironment)
        {
            ["AWS_ACCESS_KEY_ID"] = credentials.GetProperty("AccessKeyId").GetString()!,
            ["AWS_SECRET_ACCESS_KEY"] = credentials.GetProperty("SecretAccessKey").GetString()!,
            ["AWS_SESSION_TOKEN"] = credentials.GetProperty("SessionToken").GetString()!,
        };
    }

    private List<string> FindingIds(Dictionary<string, string> environment)
    {
        var (code, stdout, stderr) = ExternalTool.Run("aws", ["securityhub", "get-findings", "--endpoint-url", moto.Url, "--output", "json"], environment);
        Assert.True(code == 0, stderr);
        using var found = JsonDocument.Parse(stdout);
        return [.. found.RootElement.GetProperty("Findings").EnumerateArray().Select(f => f.GetProperty("Id").GetString()!)];
    }
}
