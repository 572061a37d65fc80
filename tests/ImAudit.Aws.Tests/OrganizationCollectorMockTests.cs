using System.Net;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using ImAudit.Aws.Collection;
using ImAudit.Aws.IdentityManagement;
using ImAudit.Aws.IdentityManagement.Model;
using ImAudit.Aws.Organizations;
using ImAudit.Aws.Organizations.Model;
using ImAudit.Aws.SSMContacts;
using ImAudit.Aws.SSMIncidents;
using ImAudit.Aws.SSMIncidents.Model;
using Moq;

namespace ImAudit.Aws.Tests;

/// <summary>The organization collector over mocked clients: pages of accounts, refused roles, states, the concurrency bound.</summary>
public sealed class OrganizationCollectorMockTests
{
    private const string Management = "999900001111";
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private readonly Mock<IAmazonOrganizations> _organizations = new();
    private readonly Mock<IAmazonSecurityTokenService> _sts = new();
    private int _inFlight;
    private int _maxInFlight;

    public OrganizationCollectorMockTests()
    {
        _organizations.Setup(o => o.DescribeOrganizationAsync(It.IsAny<DescribeOrganizationRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DescribeOrganizationResponse { Organization = new Aws.Organizations.Model.Organization { Id = "o-abc123", MasterAccountId = Management } });
        _sts.Setup(s => s.GetCallerIdentityAsync(It.IsAny<GetCallerIdentityRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GetCallerIdentityResponse { Account = Management, Arn = $"arn:aws:sts::{Management}:assumed-role/imaudit/fn" });
        // A session's access key names the account whose role was assumed.
        _sts.Setup(s => s.AssumeRoleAsync(It.IsAny<AssumeRoleRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((AssumeRoleRequest r, CancellationToken _) => new AssumeRoleResponse
            {
                Credentials = new Credentials { AccessKeyId = r.RoleArn.Split(':')[4], SecretAccessKey = "s", SessionToken = "t" },
            });
    }

    private static Account Member(string id, string state = "ACTIVE") => new() { Id = id, Name = "member " + id, State = state, Status = state == "CLOSED" ? null : state };

    private void Pages(params Account[][] pages)
    {
        for (var i = 0; i < pages.Length; i++)
        {
            var token = i == 0 ? null : $"p{i}";
            var next = i + 1 < pages.Length ? $"p{i + 1}" : null;
            var page = pages[i];
            _organizations.Setup(o => o.ListAccountsAsync(It.Is<ListAccountsRequest>(r => r.NextToken == token), It.IsAny<CancellationToken>()))
                .ReturnsAsync(new ListAccountsResponse { Accounts = [.. page], NextToken = next });
        }
    }

    // Clients of one account: STS says who it is, IAM holds one user (slowly, to see the bound), no Incident Manager.
    private AwsClients ClientsOf(AWSCredentials? credentials)
    {
        var account = credentials is null ? Management : credentials.GetCredentials().AccessKey;
        var sts = new Mock<IAmazonSecurityTokenService>();
        sts.Setup(s => s.GetCallerIdentityAsync(It.IsAny<GetCallerIdentityRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GetCallerIdentityResponse { Account = account, Arn = $"arn:aws:sts::{account}:assumed-role/ImAuditMemberRole/imaudit" });
        var iam = new Mock<IAmazonIdentityManagementService>();
        iam.Setup(i => i.GetAccountAuthorizationDetailsAsync(It.IsAny<GetAccountAuthorizationDetailsRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async () =>
            {
                var now = Interlocked.Increment(ref _inFlight);
                InterlockedMax(ref _maxInFlight, now);
                await Task.Delay(20);
                Interlocked.Decrement(ref _inFlight);
                return new GetAccountAuthorizationDetailsResponse { UserDetailList = [new UserDetail { UserName = "u", Arn = $"arn:aws:iam::{account}:user/u", Path = "/" }] };
            });
        var incidents = new Mock<IAmazonSSMIncidents>();
        incidents.Setup(i => i.ListReplicationSetsAsync(It.IsAny<ListReplicationSetsRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(new ListReplicationSetsResponse());
        return new AwsClients("us-east-1", sts.Object, iam.Object, _ => incidents.Object, _ => Mock.Of<IAmazonSSMContacts>());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private OrganizationCollector Collector(int maxConcurrency = 8, string? externalId = null) =>
        new(_organizations.Object, _sts.Object, ClientsOf) { MaxConcurrency = maxConcurrency, ExternalId = externalId, MemberRoleName = "ImAuditMemberRole" };

    [Fact]
    public async Task Every_page_of_accounts_is_read_and_every_active_account_collected_under_its_member_role()
    {
        Pages([Member(Management), Member("111100000001")], [Member("111100000002")], [Member("111100000003")]);

        var result = await Collector(externalId: "imaudit-ext").CollectAsync(Now);

        Assert.Equal(["111100000001", "111100000002", "111100000003", Management], result.Accounts.Select(a => a.AccountId));
        Assert.All(result.Accounts, a => Assert.Equal($"arn:aws:iam::{a.AccountId}:user/u", a.Users.Single().Arn));
        Assert.True(result.IsComplete);
        Assert.Equal(("o-abc123", Management), (result.OrganizationId, result.ManagementAccountId));
        // The management account is read with the caller's own credentials: no member role is deployed there.
        _sts.Verify(s => s.AssumeRoleAsync(It.Is<AssumeRoleRequest>(r => r.RoleArn.Contains(Management, StringComparison.Ordinal)), It.IsAny<CancellationToken>()), Times.Never);
        _sts.Verify(s => s.AssumeRoleAsync(It.Is<AssumeRoleRequest>(r => r.RoleArn == "arn:aws:iam::111100000002:role/ImAuditMemberRole" && r.ExternalId == "imaudit-ext"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task An_account_whose_role_cannot_be_assumed_is_listed_with_the_reason_and_the_others_complete()
    {
        Pages([Member("111100000001"), Member("111100000002"), Member("111100000003")]);
        _sts.Setup(s => s.AssumeRoleAsync(It.Is<AssumeRoleRequest>(r => r.RoleArn.Contains("111100000002", StringComparison.Ordinal)), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AmazonSecurityTokenServiceException("User: arn:aws:sts::999900001111:assumed-role/imaudit/fn is not authorized to perform: sts:AssumeRole\non resource", ErrorType.Sender, "AccessDenied", "r1", HttpStatusCode.Forbidden));

        var result = await Collector().CollectAsync(Now);

        Assert.Equal(["111100000001", "111100000003"], result.Accounts.Select(a => a.AccountId));
        var failure = Assert.Single(result.Failed);
        Assert.Equal("111100000002", failure.AccountId);
        Assert.StartsWith("could not assume `arn:aws:iam::111100000002:role/ImAuditMemberRole`: AccessDenied: User:", failure.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Reason);
        Assert.False(result.IsComplete);
    }

    [Fact]
    public async Task Accounts_that_are_not_active_are_skipped_with_their_state_and_never_assumed()
    {
        Pages([Member("111100000001"), Member("111100000002", "SUSPENDED"), Member("111100000003", "PENDING_CLOSURE"), Member("111100000004", "CLOSED"),
            new Account { Id = "111100000005", Status = "ACTIVE" }]);

        var result = await Collector().CollectAsync(Now);

        Assert.Equal(["111100000001", "111100000005"], result.Accounts.Select(a => a.AccountId));
        Assert.Equal([("111100000002", "SUSPENDED"), ("111100000003", "PENDING_CLOSURE"), ("111100000004", "CLOSED")], result.Skipped.Select(s => (s.AccountId, s.State)));
        _sts.Verify(s => s.AssumeRoleAsync(It.IsAny<AssumeRoleRequest>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        Assert.True(result.IsComplete);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task No_more_accounts_than_the_bound_are_collected_at_once(int bound)
    {
        Pages([.. Enumerable.Range(1, 12).Select(i => Member($"1111000000{i:00}"))]);

        var result = await Collector(bound).CollectAsync(Now);

        Assert.Equal(12, result.Accounts.Length);
        Assert.Equal(bound, _maxInFlight);
    }

    [Fact]
    public async Task A_page_that_cannot_be_listed_ends_the_list_and_the_accounts_before_it_are_still_collected()
    {
        Pages([Member("111100000001")], [Member("111100000002")]);
        _organizations.Setup(o => o.ListAccountsAsync(It.Is<ListAccountsRequest>(r => r.NextToken == "p1"), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AmazonServiceException("Rate exceeded", ErrorType.Sender, "TooManyRequestsException", "r2", HttpStatusCode.BadRequest));

        var result = await Collector().CollectAsync(Now);

        Assert.Equal(["111100000001"], result.Accounts.Select(a => a.AccountId));
        Assert.Equal("could not list the organization's accounts past the first 1: TooManyRequestsException: Rate exceeded", Assert.Single(result.Errors));
        Assert.False(result.IsComplete);
    }

    [Fact]
    public async Task A_member_role_that_can_read_nothing_makes_the_account_failed_not_an_empty_inventory()
    {
        Pages([Member("111100000001")]);
        var denied = new AmazonServiceException("not authorized", ErrorType.Sender, "AccessDenied", "r3", HttpStatusCode.Forbidden);
        var collector = new OrganizationCollector(_organizations.Object, _sts.Object, _ =>
        {
            var sts = new Mock<IAmazonSecurityTokenService>();
            sts.Setup(s => s.GetCallerIdentityAsync(It.IsAny<GetCallerIdentityRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(denied);
            var iam = new Mock<IAmazonIdentityManagementService>();
            iam.Setup(i => i.GetAccountAuthorizationDetailsAsync(It.IsAny<GetAccountAuthorizationDetailsRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(denied);
            var incidents = new Mock<IAmazonSSMIncidents>();
            incidents.Setup(i => i.ListReplicationSetsAsync(It.IsAny<ListReplicationSetsRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(denied);
            return new AwsClients("us-east-1", sts.Object, iam.Object, _ => incidents.Object, _ => Mock.Of<IAmazonSSMContacts>());
        });

        var result = await collector.CollectAsync(Now);

        Assert.Empty(result.Accounts);
        Assert.Equal("`arn:aws:iam::111100000001:role/ImAuditMemberRole` could not read the account: iam GetAccountAuthorizationDetails: AccessDenied: not authorized", Assert.Single(result.Failed).Reason);
    }

    [Fact]
    public async Task A_passed_deadline_fails_the_accounts_not_yet_read_instead_of_throwing()
    {
        Pages([Member("111100000001")]);
        using var passed = new CancellationTokenSource();
        await passed.CancelAsync();
        _organizations.Setup(o => o.ListAccountsAsync(It.IsAny<ListAccountsRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ListAccountsResponse { Accounts = [Member("111100000001")] });

        var result = await Collector().CollectAsync(Now, deadline: passed.Token);

        Assert.Equal("the collection deadline passed before this account was read", Assert.Single(result.Failed).Reason);
    }

    [Fact]
    public async Task The_organization_and_every_listed_member_come_back_as_the_engine_reads_them_from_the_aws_cli_outputs()
    {
        _organizations.Setup(o => o.DescribeOrganizationAsync(It.IsAny<DescribeOrganizationRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DescribeOrganizationResponse { Organization = new Aws.Organizations.Model.Organization { Id = "o-abc123", Arn = "arn:aws:organizations::999900001111:organization/o-abc123", MasterAccountId = Management } });
        Pages([Member(Management), Member("111100000002", "SUSPENDED")], [new Account { Id = "111100000001", Name = "legacy", Email = "legacy@example.com", Status = "active" }]);

        var result = await Collector().CollectAsync(Now);

        var organization = result.Organization;
        Assert.Equal(("o-abc123", "arn:aws:organizations::999900001111:organization/o-abc123", Management), (organization.Id, organization.Arn, organization.ManagementAccountId));
        Assert.Equal([new("111100000001", "legacy", "legacy@example.com", "ACTIVE"), new("111100000002", "member 111100000002", null, "SUSPENDED"), new Engine.Inventory.OrganizationMember(Management, "member " + Management, null, "ACTIVE")],
            organization.Members!.Value.AsEnumerable());
        Assert.Equal([Engine.Organizations.AccountNotAudited.Skip("111100000002", "member 111100000002", "SUSPENDED")], result.NotAudited.AsEnumerable());
    }

    [Fact]
    public async Task A_list_that_could_not_be_read_whole_gives_no_member_list_so_nobody_is_taken_for_an_outsider()
    {
        Pages([Member("111100000001")], [Member("111100000002")]);
        _organizations.Setup(o => o.ListAccountsAsync(It.Is<ListAccountsRequest>(r => r.NextToken == "p1"), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AmazonServiceException("Rate exceeded", ErrorType.Sender, "TooManyRequestsException", "r2", HttpStatusCode.BadRequest));

        var result = await Collector().CollectAsync(Now);

        Assert.Null(result.Members);
        Assert.Null(result.Organization.Members);
        Assert.Null(result.Organization.IsActiveMember("111100000002"));
    }

    [Fact]
    public async Task Failed_accounts_become_failures_the_engine_counts_against_completeness_and_skipped_ones_skips()
    {
        Pages([Member("111100000001"), Member("111100000002"), Member("111100000003", "CLOSED")]);
        _sts.Setup(s => s.AssumeRoleAsync(It.Is<AssumeRoleRequest>(r => r.RoleArn.Contains("111100000001", StringComparison.Ordinal)), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AmazonSecurityTokenServiceException("denied", ErrorType.Sender, "AccessDenied", "r1", HttpStatusCode.Forbidden));

        var result = await Collector().CollectAsync(Now);

        Assert.Equal([("111100000001", true, null), ("111100000003", false, "CLOSED")], result.NotAudited.Select(a => (a.AccountId, a.Failed, a.State)));
        Assert.Equal("could not assume `arn:aws:iam::111100000001:role/ImAuditMemberRole`: AccessDenied: denied", result.NotAudited[0].Reason);
    }

    // Regression: a member account whose STS gave no answer made AccountCollector throw AwsUnreachableException, which
    // escaped CollectAsync and ended the whole organization scan instead of failing that one account.
    [Fact]
    public async Task A_member_account_that_cannot_be_reached_is_failed_with_the_reason_and_the_others_are_read()
    {
        Pages([Member("111100000001"), Member("111100000002")]);
        var collector = new OrganizationCollector(_organizations.Object, _sts.Object, credentials =>
        {
            if (credentials?.GetCredentials().AccessKey != "111100000002")
                return ClientsOf(credentials);
            var sts = new Mock<IAmazonSecurityTokenService>();
            sts.Setup(s => s.GetCallerIdentityAsync(It.IsAny<GetCallerIdentityRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(new HttpRequestException("Connection refused"));
            return new AwsClients("us-east-1", sts.Object, Mock.Of<IAmazonIdentityManagementService>(), _ => Mock.Of<IAmazonSSMIncidents>(), _ => Mock.Of<IAmazonSSMContacts>());
        });

        var result = await collector.CollectAsync(Now);

        Assert.Equal(["111100000001"], result.Accounts.Select(a => a.AccountId));
        var failure = Assert.Single(result.Failed);
        Assert.Equal("111100000002", failure.AccountId);
        Assert.StartsWith("cannot reach AWS", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("Connection refused", failure.Reason, StringComparison.Ordinal);
    }
}
