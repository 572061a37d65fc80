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
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "test", ["AWS_SECRET_ACCESS_KEY"] = "test", ["AWS_DEFAULT_REGION"] = "us-east-1", ["AWS_CONFIG_FILE"] = "/dev/null",
        };
        var imported = 0;
        foreach (var batch in batches)
        {
            var file = Path.GetTempFileName();
            File.WriteAllBytes(file, batch);
            var (code, stdout, stderr) = ExternalTool.Run("aws", ["securityhub", "batch-import-findings", "--cli-input-json", "file://" + file, "--endpoint-url", moto.Url, "--output", "json"], environment);
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
        var (code, stdout, stderr) = ExternalTool.Run("aws", ["securityhub", "get-findings", "--endpoint-url", moto.Url, "--output", "json"],
            new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "test", ["AWS_SECRET_ACCESS_KEY"] = "test", ["AWS_DEFAULT_REGION"] = "us-east-1", ["AWS_CONFIG_FILE"] = "/dev/null" });
        Assert.True(code == 0, stderr);
        using var found = JsonDocument.Parse(stdout);
        var ours = found.RootElement.GetProperty("Findings").EnumerateArray().Select(f => f.GetProperty("Id").GetString()!)
            .Where(id => id.StartsWith("imaudit/123456789012/", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(report.Findings.Select(f => $"imaudit/123456789012/{f.Fingerprint}").ToHashSet(), ours);
    }
}
