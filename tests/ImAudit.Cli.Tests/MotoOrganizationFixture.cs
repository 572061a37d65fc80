using System.Diagnostics;
using System.Text.Json;
using ImAudit.Aws.Tests;
using ImAudit.Engine.Inventory;

namespace ImAudit.Cli.Tests;

/// <summary>
/// The sample organization (samples/organization) made real: moto_server holds an organization created through boto3
/// (the management account and three members, the first closed, so SUSPENDED), and a folder holds what <c>scan DIR</c>
/// reads for the same accounts — the sample's inventories with their account ids replaced by moto's (central → the
/// management account, payments → member-1, analytics → member-2) and the real AWS CLI's <c>describe-organization</c>
/// and <c>list-accounts</c> outputs from moto. The AWS API emulator serves those same inventories to the live scans.
/// </summary>
public sealed class MotoOrganizationFixture : IAsyncLifetime
{
    private Process? _moto;

    public string MotoUrl { get; private set; } = "";

    /// <summary>The folder <c>scan DIR</c> reads: three accounts' inventories and the organization's two AWS CLI outputs.</summary>
    public string Saved { get; } = Path.Combine(Path.GetTempPath(), "imaudit-moto-org-" + Guid.NewGuid().ToString("N"));

    public string OrganizationId { get; private set; } = "";

    public string Management { get; private set; } = "";

    public string Payments { get; private set; } = "";

    public string Analytics { get; private set; } = "";

    public string Suspended { get; private set; } = "";

    /// <summary>The inventories the emulator serves, the management account (its home) first.</summary>
    public IReadOnlyList<AccountInventory> Inventories { get; private set; } = [];

    public async Task InitializeAsync()
    {
        if (ExternalToolFactAttribute.Missing(["moto_server", "python3", "aws"]) is not null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            return;
        (_moto, MotoUrl) = await MotoFixture.StartServerAsync();
        var (code, stdout, stderr) = ExternalTool.Run("python3", [Path.Combine(AppContext.BaseDirectory, "Moto", "seed_organization.py"), MotoUrl, "3"],
            new Dictionary<string, string>(), TimeSpan.FromMinutes(2));
        Assert.True(code == 0, $"seeding moto's organization failed: {stderr}");
        using (var seeded = JsonDocument.Parse(stdout))
        {
            var root = seeded.RootElement;
            var members = root.GetProperty("members").EnumerateArray().Select(m => m.GetString()!).ToList();
            (OrganizationId, Management, Suspended, Payments, Analytics) =
                (root.GetProperty("organizationId").GetString()!, root.GetProperty("management").GetString()!, members[0], members[1], members[2]);
        }
        Directory.CreateDirectory(Saved);
        var sample = CliRunner.Fixture("organization");
        foreach (var name in new[] { "central.json", "payments-member.json", "analytics-iam-page1.json", "analytics-iam-page2.json" })
        {
            var text = File.ReadAllText(Path.Combine(sample, name)).Replace("111122223333", Management, StringComparison.Ordinal)
                .Replace("444455556666", Payments, StringComparison.Ordinal).Replace("777788889999", Analytics, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(Saved, name), text);
        }
        AwsCli("organization.json", "describe-organization");
        AwsCli("accounts.json", "list-accounts");
        var saved = InputLoader.LoadAll(Saved, TextWriter.Null);
        Assert.Equal(new[] { Analytics, Management, Payments }.Order(StringComparer.Ordinal), saved.Accounts.Select(a => a.AccountId));
        Inventories = [.. saved.Accounts.OrderBy(a => a.AccountId == Management ? 0 : 1)];
    }

    public Task DisposeAsync()
    {
        if (_moto is { HasExited: false })
            _moto.Kill(entireProcessTree: true);
        _moto?.Dispose();
        if (Directory.Exists(Saved))
            Directory.Delete(Saved, recursive: true);
        return Task.CompletedTask;
    }

    // `aws organizations OPERATION > FILE`, as a user saves them for `scan DIR`.
    private void AwsCli(string file, string operation)
    {
        var (code, stdout, stderr) = ExternalTool.Run("aws", ["organizations", operation, "--endpoint-url", MotoUrl, "--output", "json"], new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "test", ["AWS_SECRET_ACCESS_KEY"] = "test", ["AWS_DEFAULT_REGION"] = "us-east-1", ["AWS_PAGER"] = "",
            ["AWS_CONFIG_FILE"] = "/nonexistent", ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent",
        });
        Assert.True(code == 0, $"`aws organizations {operation}` failed: {stderr}");
        File.WriteAllText(Path.Combine(Saved, file), stdout);
    }
}
