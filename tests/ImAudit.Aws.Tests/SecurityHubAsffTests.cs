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
