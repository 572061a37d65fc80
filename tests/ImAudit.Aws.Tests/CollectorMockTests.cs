using System.Net;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using ImAudit.Aws.Collection;
using ImAudit.Aws.IdentityManagement;
using ImAudit.Aws.IdentityManagement.Model;
using ImAudit.Aws.SSMContacts;
using ImAudit.Aws.SSMContacts.Model;
using ImAudit.Aws.SSMIncidents;
using ImAudit.Aws.SSMIncidents.Model;
using Moq;

namespace ImAudit.Aws.Tests;

/// <summary>The collector's logic over mocked clients (Moq): paging, empty accounts, denied reads, throttling, deadlines.</summary>
public sealed class CollectorMockTests
{
    private const string Account = "111122223333";
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private readonly Mock<IAmazonSecurityTokenService> _sts = new();
    private readonly Mock<IAmazonIdentityManagementService> _iam = new();
    private readonly Mock<IAmazonSSMIncidents> _incidents = new();
    private readonly Mock<IAmazonSSMContacts> _contacts = new();

    public CollectorMockTests()
    {
        _sts.Setup(s => s.GetCallerIdentityAsync(It.IsAny<GetCallerIdentityRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GetCallerIdentityResponse { Account = Account, Arn = $"arn:aws:iam::{Account}:user/auditor" });
        _iam.Setup(i => i.GetAccountAuthorizationDetailsAsync(It.IsAny<GetAccountAuthorizationDetailsRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GetAccountAuthorizationDetailsResponse());
        _incidents.Setup(i => i.ListReplicationSetsAsync(It.IsAny<ListReplicationSetsRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ListReplicationSetsResponse());
    }

    private AccountCollector Collector() =>
        new(new AwsClients("us-east-1", _sts.Object, _iam.Object, _ => _incidents.Object, _ => _contacts.Object));

    [Fact]
    public async Task An_empty_account_is_an_empty_complete_inventory_without_incident_manager_calls()
    {
        var inventory = await Collector().CollectAsync(Now);

        Assert.Equal(Account, inventory.AccountId);
        Assert.Empty(inventory.Users);
        Assert.Null(inventory.ReplicationSet);
        Assert.False(inventory.IsIncomplete);
        _incidents.Verify(i => i.ListResponsePlansAsync(It.IsAny<ListResponsePlansRequest>(), It.IsAny<CancellationToken>()), Times.Never);
        _contacts.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Every_page_of_authorization_details_is_read_by_marker()
    {
        _iam.Setup(i => i.GetAccountAuthorizationDetailsAsync(It.Is<GetAccountAuthorizationDetailsRequest>(r => r.Marker == null), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GetAccountAuthorizationDetailsResponse { UserDetailList = [User("ana")], IsTruncated = true, Marker = "p2" });
        _iam.Setup(i => i.GetAccountAuthorizationDetailsAsync(It.Is<GetAccountAuthorizationDetailsRequest>(r => r.Marker == "p2"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GetAccountAuthorizationDetailsResponse { UserDetailList = [User("bo")], IsTruncated = true, Marker = "p3" });
        _iam.Setup(i => i.GetAccountAuthorizationDetailsAsync(It.Is<GetAccountAuthorizationDetailsRequest>(r => r.Marker == "p3"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GetAccountAuthorizationDetailsResponse { UserDetailList = [User("cy")] });

        var inventory = await Collector().CollectAsync(Now);

        Assert.Equal(["ana", "bo", "cy"], inventory.Users.Select(u => u.Name));
        Assert.Equal("""{"Version":"2012-10-17","Statement":[]}""", inventory.Users[0].InlinePolicies[0].Document);
    }

    [Fact]
    public async Task A_document_with_a_broken_url_encoding_is_kept_as_it_came_and_reported_where_it_breaks()
    {
        _iam.Setup(i => i.GetAccountAuthorizationDetailsAsync(It.IsAny<GetAccountAuthorizationDetailsRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GetAccountAuthorizationDetailsResponse
            {
                UserDetailList = [User("ana"), new() { UserName = "bo", Arn = $"arn:aws:iam::{Account}:user/bo", UserPolicyList = [new() { PolicyName = "cut", PolicyDocument = "%7B%22Version%2" }] }],
            });

        var inventory = await Collector().CollectAsync(Now);
        var report = new ImAudit.Engine.PolicyEngine(ImAudit.Engine.Catalog.IamCatalog.Default).Audit(inventory, Now);

        Assert.Equal("%7B%22Version%2", inventory.Users[1].InlinePolicies[0].Document);
        Assert.Equal("""{"Version":"2012-10-17","Statement":[]}""", inventory.Users[0].InlinePolicies[0].Document);
        Assert.Contains(report.Findings, f => f.RuleId == "IMA107" && f.Resource.EndsWith(":user/bo", StringComparison.Ordinal) && f.Message.Contains("bad escape", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Access_denied_on_one_contact_policy_is_recorded_and_every_other_contact_is_read()
    {
        WithIncidentManager(["one", "two", "three"]);
        _contacts.Setup(c => c.GetContactPolicyAsync(It.Is<GetContactPolicyRequest>(r => r.ContactArn.EndsWith("/two", StringComparison.Ordinal)), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AmazonServiceException("User is not authorized to perform ssm-contacts:GetContactPolicy", ErrorType.Sender, "AccessDeniedException", "r1", HttpStatusCode.BadRequest));

        var inventory = await Collector().CollectAsync(Now);

        var error = Assert.Single(inventory.CollectionErrors);
        Assert.Equal(("GetContactPolicy", $"arn:aws:ssm-contacts:us-east-1:{Account}:contact/two", "AccessDeniedException"), (error.Operation, error.Resource, error.Code));
        Assert.Equal(["policy of one", null, "policy of three"], inventory.Contacts.Select(c => c.Policy));
    }

    [Fact]
    public async Task A_throttling_storm_past_every_retry_loses_only_what_it_hit()
    {
        WithIncidentManager(["one", "two"]);
        var throttled = new AmazonServiceException("Rate exceeded", ErrorType.Sender, "ThrottlingException", "r2", HttpStatusCode.BadRequest);
        _contacts.Setup(c => c.GetContactAsync(It.IsAny<GetContactRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(throttled);

        var inventory = await Collector().CollectAsync(Now);

        Assert.Equal(2, inventory.CollectionErrors.Count(e => e is { Operation: "GetContact", Code: "ThrottlingException" }));
        Assert.Equal(["policy of one", "policy of two"], inventory.Contacts.Select(c => c.Policy));
        Assert.True(inventory.IsIncomplete);
    }

    [Fact]
    public async Task A_deadline_mid_collection_keeps_what_was_read_and_lists_what_was_not()
    {
        WithIncidentManager(["one", "two"]);
        using var deadline = new CancellationTokenSource();
        _incidents.Setup(i => i.GetResponsePlanAsync(It.IsAny<GetResponsePlanRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (GetResponsePlanRequest r, CancellationToken ct) =>
            {
                await deadline.CancelAsync();
                ct.ThrowIfCancellationRequested();
                return new GetResponsePlanResponse { Arn = r.Arn };
            });

        var inventory = await Collector().CollectAsync(Now, deadline: deadline.Token);

        Assert.True(inventory.IsIncomplete);
        Assert.Contains(inventory.CollectionErrors, e => e is { Operation: "GetResponsePlan", Code: "DeadlineExceeded" });
        Assert.Contains(inventory.CollectionErrors, e => e is { Operation: "ListContacts", Code: "DeadlineExceeded" });
        Assert.Equal(["plan"], inventory.ResponsePlans.Select(p => p.Name));
        Assert.Equal(Account, inventory.AccountId);
    }

    [Fact]
    public async Task A_runbook_role_missing_from_the_details_is_read_with_GetRole_or_confirmed_absent()
    {
        WithIncidentManager([]);
        _incidents.Setup(i => i.ListResponsePlansAsync(It.IsAny<ListResponsePlansRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ListResponsePlansResponse { ResponsePlanSummaries = [new() { Arn = "plan-a", Name = "a" }, new() { Arn = "plan-b", Name = "b" }] });
        _incidents.Setup(i => i.GetResponsePlanAsync(It.IsAny<GetResponsePlanRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((GetResponsePlanRequest r, CancellationToken _) => new GetResponsePlanResponse
            {
                Arn = r.Arn,
                Actions = [new() { SsmAutomation = new() { RoleArn = $"arn:aws:iam::{Account}:role/{(r.Arn == "plan-a" ? "Hidden" : "Gone")}" } }],
            });
        _iam.Setup(i => i.GetRoleAsync(It.Is<GetRoleRequest>(r => r.RoleName == "Hidden"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GetRoleResponse { Role = new() { RoleName = "Hidden", Arn = $"arn:aws:iam::{Account}:role/Hidden", AssumeRolePolicyDocument = Uri.EscapeDataString("{\"Statement\":[]}") } });
        _iam.Setup(i => i.GetRoleAsync(It.Is<GetRoleRequest>(r => r.RoleName == "Gone"), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AmazonServiceException("The role with name Gone cannot be found.", ErrorType.Sender, "NoSuchEntity", "r3", HttpStatusCode.NotFound));

        var inventory = await Collector().CollectAsync(Now);

        var role = Assert.Single(inventory.Roles);
        Assert.Equal(("Hidden", "{\"Statement\":[]}"), (role.Name, role.TrustPolicy));
        var gap = Assert.Single(inventory.CollectionErrors);
        Assert.Equal((role.Arn, "NotListed"), (gap.Resource, gap.Code));
    }

    private void WithIncidentManager(string[] contactNames)
    {
        _incidents.Setup(i => i.ListReplicationSetsAsync(It.IsAny<ListReplicationSetsRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ListReplicationSetsResponse { ReplicationSetArns = [$"arn:aws:ssm-incidents::{Account}:replication-set/r"] });
        _incidents.Setup(i => i.GetReplicationSetAsync(It.IsAny<GetReplicationSetRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GetReplicationSetResponse { ReplicationSet = new() { Status = "ACTIVE", RegionMap = new() { ["us-east-1"] = new() { Status = "ACTIVE" } } } });
        _incidents.Setup(i => i.ListResponsePlansAsync(It.IsAny<ListResponsePlansRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ListResponsePlansResponse { ResponsePlanSummaries = [new() { Arn = $"arn:aws:ssm-incidents::{Account}:response-plan/plan", Name = "plan" }] });
        _incidents.Setup(i => i.GetResponsePlanAsync(It.IsAny<GetResponsePlanRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((GetResponsePlanRequest r, CancellationToken _) => new GetResponsePlanResponse { Arn = r.Arn, Name = "plan" });
        _incidents.Setup(i => i.GetResourcePoliciesAsync(It.IsAny<GetResourcePoliciesRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GetResourcePoliciesResponse());
        _contacts.Setup(c => c.ListContactsAsync(It.IsAny<ListContactsRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ListContactsResponse { Contacts = [.. contactNames.Select(n => new Contact { ContactArn = Arn(n), Alias = n, Type = "PERSONAL" })] });
        _contacts.Setup(c => c.GetContactAsync(It.IsAny<GetContactRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((GetContactRequest r, CancellationToken _) => new GetContactResponse { ContactArn = r.ContactId, Type = "PERSONAL" });
        _contacts.Setup(c => c.GetContactPolicyAsync(It.IsAny<GetContactPolicyRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((GetContactPolicyRequest r, CancellationToken _) => new GetContactPolicyResponse { ContactArn = r.ContactArn, Policy = "policy of " + r.ContactArn[(r.ContactArn.LastIndexOf('/') + 1)..] });
    }

    private static string Arn(string contact) => $"arn:aws:ssm-contacts:us-east-1:{Account}:contact/{contact}";

    private static UserDetail User(string name) => new()
    {
        UserName = name,
        Arn = $"arn:aws:iam::{Account}:user/{name}",
        UserPolicyList = [new() { PolicyName = "inline", PolicyDocument = Uri.EscapeDataString("""{"Version":"2012-10-17","Statement":[]}""") }],
    };
}
