using System.Text;
using Amazon.Runtime;
using ImAudit.Aws.Collection;
using ImAudit.Aws.IdentityManagement.Model;
using ImAudit.Aws.Runtime;
using ImAudit.AwsEmulator;
using ImAudit.Engine.Inventory;

namespace ImAudit.Aws.Tests;

/// <summary>The emulator serving several accounts: AssumeRole into a member's role reaches that member's data, and only it.</summary>
public sealed class EmulatorMultiAccountTests
{
    private const string Home = "111122223333";
    private const string Member = "444455556666";
    private const string Refusing = "777788889999";

    private static AccountInventory As(string account)
    {
        var demo = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "demo-inventory.json"));
        var inventory = InventoryJson.Read(Encoding.UTF8.GetBytes(demo.Replace(Home, account, StringComparison.Ordinal)), account).Inventory!;
        // Tell the accounts apart by more than their IDs.
        return account == Home ? inventory : inventory with { Users = inventory.Users.RemoveAt(0) };
    }

    private static AwsClientSettings Settings(string url) =>
        new("us-east-1", new BasicAWSCredentials("test", "test"), new AwsServiceEndpoints(new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = url }))
        {
            Delay = (_, _) => Task.CompletedTask,
        };

    [Fact]
    public async Task A_role_in_a_member_account_gives_a_session_that_reads_that_accounts_data()
    {
        var (emulator, app, url) = await EmulatorApp.StartLocalAsync([As(Home), As(Member), As(Refusing)], new EmulatorOptions(Home) { DenyAssume = new HashSet<string> { Refusing } });
        await using var _ = app;

        var member = AwsClientFactory.Create(AwsClientFactory.Assume(Settings(url), $"arn:aws:iam::{Member}:role/ImAuditMemberRole", "ext"));
        var identity = await member.Sts.GetCallerIdentityAsync(new Amazon.SecurityToken.Model.GetCallerIdentityRequest());
        var details = await member.Iam.GetAccountAuthorizationDetailsAsync(new GetAccountAuthorizationDetailsRequest { MaxItems = 1000 });
        var home = await AwsClientFactory.Create(Settings(url)).Iam.GetAccountAuthorizationDetailsAsync(new GetAccountAuthorizationDetailsRequest { MaxItems = 1000 });
        var refused = Assert.ThrowsAny<AmazonServiceException>(() => AwsClientFactory.Assume(Settings(url), $"arn:aws:iam::{Refusing}:role/ImAuditMemberRole", null));

        Assert.Equal(Member, identity.Account);
        Assert.Equal(As(Member).Users.Select(u => u.Arn), details.UserDetailList.Select(u => u.Arn));
        Assert.Equal(As(Home).Users.Select(u => u.Arn), home.UserDetailList.Select(u => u.Arn));
        Assert.Equal("AccessDenied", refused.ErrorCode);
        Assert.Equal([Home, Member, Refusing], emulator.AccountIds);
    }

    [Fact]
    public async Task A_forged_member_key_for_an_account_not_served_is_refused()
    {
        var (_, app, url) = await EmulatorApp.StartLocalAsync([As(Home), As(Member)], new EmulatorOptions(Home));
        await using var _ = app;
        var forged = Settings(url) with { Credentials = new BasicAWSCredentials(EmulatorOptions.MemberAccessKey("123412341234"), "test") };

        var error = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => AwsClientFactory.Create(forged).Iam.GetAccountAuthorizationDetailsAsync(new GetAccountAuthorizationDetailsRequest()));

        Assert.Equal("InvalidClientTokenId", error.ErrorCode);
    }
}
