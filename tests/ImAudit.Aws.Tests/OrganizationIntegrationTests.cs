using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using ImAudit.Aws.Collection;
using ImAudit.Aws.Organizations;
using ImAudit.Aws.Organizations.Model;
using ImAudit.Aws.Runtime;
using ImAudit.AwsEmulator;
using ImAudit.Engine.Inventory;

namespace ImAudit.Aws.Tests;

/// <summary>
/// An organization in moto_server (created through boto3: the management account and four members, the first closed)
/// read by the Organizations client, and collected whole: Organizations from moto, STS and each member account's
/// IAM and Incident Manager from the AWS API emulator serving one inventory per account, one of which refuses AssumeRole.
/// </summary>
public sealed class OrganizationIntegrationTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private Process? _moto;
    private string _motoUrl = "";
    private JsonElement _seeded;

    public async Task InitializeAsync()
    {
        if (ExternalToolFactAttribute.Missing(["moto_server", "python3"]) is not null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            return;
        (_moto, _motoUrl) = await MotoFixture.StartServerAsync();
        var script = Path.Combine(AppContext.BaseDirectory, "Moto", "seed_organization.py");
        var (code, stdout, stderr) = ExternalTool.Run("python3", [script, _motoUrl, "4"], new Dictionary<string, string>(), TimeSpan.FromMinutes(2));
        Assert.True(code == 0, $"seeding moto's organization failed: {stderr}");
        _seeded = JsonDocument.Parse(stdout).RootElement.Clone();
    }

    public Task DisposeAsync()
    {
        if (_moto is { HasExited: false })
            _moto.Kill(entireProcessTree: true);
        _moto?.Dispose();
        return Task.CompletedTask;
    }

    private AwsClientSettings Settings(string? emulatorUrl = null) =>
        new("us-east-1", new BasicAWSCredentials("test", "test"), new AwsServiceEndpoints(new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = emulatorUrl ?? _motoUrl,
            ["AWS_ENDPOINT_URL_ORGANIZATIONS"] = _motoUrl,
        }))
        {
            Delay = (_, _) => Task.CompletedTask,
        };

    private string[] Members => [.. _seeded.GetProperty("members").EnumerateArray().Select(m => m.GetString()!)];

    private string Management => _seeded.GetProperty("management").GetString()!;

    [ExternalToolFact("moto_server", "python3")]
    public async Task The_client_lists_every_account_page_by_page_and_describes_the_organization()
    {
        using var organizations = new AmazonOrganizationsClient(Settings());
        var accounts = new List<Account>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await organizations.ListAccountsAsync(new ListAccountsRequest { NextToken = token, MaxResults = 2 });
            accounts.AddRange(page.Accounts);
            token = page.NextToken;
            pages++;
        }
        while (token is not null);
        var organization = (await organizations.DescribeOrganizationAsync(new DescribeOrganizationRequest())).Organization!;

        Assert.Equal(3, pages);
        Assert.Equal([Management, .. Members], accounts.Select(a => a.Id));
        Assert.Equal("SUSPENDED", accounts.Single(a => a.Id == _seeded.GetProperty("suspended").GetString()).State);
        Assert.All(accounts.Where(a => a.Id != _seeded.GetProperty("suspended").GetString()), a => Assert.Equal(("ACTIVE", "ACTIVE"), (a.State, a.Status)));
        Assert.All(accounts, a => Assert.NotNull(a.JoinedTimestamp));
        Assert.Equal("member-1", accounts.Single(a => a.Id == Members[1]).Name);
        Assert.Equal((_seeded.GetProperty("organizationId").GetString(), Management, "ALL"), (organization.Id, organization.MasterAccountId, organization.FeatureSet));
    }

    [ExternalToolFact("moto_server", "python3")]
    public async Task The_collector_reads_every_active_member_through_its_role_and_names_the_refused_and_the_skipped()
    {
        var demo = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "demo-inventory.json"));
        AccountInventory As(string account) => InventoryJson.Read(Encoding.UTF8.GetBytes(demo.Replace("111122223333", account, StringComparison.Ordinal)), account).Inventory!;
        var (suspended, refused) = (Members[0], Members[2]);
        var served = new[] { Management }.Concat(Members.Where(m => m != suspended)).Select(As).ToList();
        var (_, app, url) = await EmulatorApp.StartLocalAsync(served, new EmulatorOptions(Management) { DenyAssume = new HashSet<string> { refused } });
        await using var _ = app;

        var result = await AwsClientFactory.Organization(Settings(url), "ImAuditMemberRole", null, 2).CollectAsync(Now);

        Assert.Equal([.. new[] { Management, Members[1], Members[3] }.Order(StringComparer.Ordinal)], result.Accounts.Select(a => a.AccountId));
        foreach (var inventory in result.Accounts)
        {
            var expected = served.Single(s => s.AccountId == inventory.AccountId);
            Assert.Equal(expected.Users.Select(u => u.Arn), inventory.Users.Select(u => u.Arn));
            Assert.Equal(expected.ResponsePlans.Select(p => p.Arn), inventory.ResponsePlans.Select(p => p.Arn));
            Assert.Equal(expected.Contacts.Select(c => c.Arn), inventory.Contacts.Select(c => c.Arn));
        }
        var failure = Assert.Single(result.Failed);
        Assert.Equal(refused, failure.AccountId);
        Assert.StartsWith($"could not assume `arn:aws:iam::{refused}:role/ImAuditMemberRole`: AccessDenied:", failure.Reason, StringComparison.Ordinal);
        Assert.Equal([(suspended, "SUSPENDED")], result.Skipped.Select(s => (s.AccountId, s.State)));
        Assert.Equal((_seeded.GetProperty("organizationId").GetString(), Management), (result.OrganizationId, result.ManagementAccountId));
    }
}
