using Amazon.Runtime;
using ImAudit.Aws.IdentityManagement;
using ImAudit.Aws.IdentityManagement.Model;
using ImAudit.Aws.SSMContacts;
using ImAudit.Aws.SSMContacts.Model;
using ImAudit.Aws.SSMIncidents;
using ImAudit.Aws.SSMIncidents.Model;
using ImAudit.AwsEmulator;

namespace ImAudit.Aws.Tests;

/// <summary>The typed clients over real HTTP against the emulator: wire formats, paging, errors, retries.</summary>
[Collection("emulator")]
public sealed class ClientWireTests(EmulatorFixture fixture) : IDisposable
{
    public void Dispose()
    {
        fixture.Emulator.Faults.Clear();
        fixture.Emulator.Requests.Clear();
    }

    [Fact]
    public async Task Authorization_details_come_back_page_by_page_with_documents_url_encoded()
    {
        using var iam = new AmazonIdentityManagementServiceClient(fixture.Settings());
        var pages = new List<GetAccountAuthorizationDetailsResponse>();
        string? marker = null;
        do
        {
            var page = await iam.GetAccountAuthorizationDetailsAsync(new GetAccountAuthorizationDetailsRequest { MaxItems = 5, Marker = marker });
            pages.Add(page);
            marker = page.IsTruncated ? page.Marker : null;
        }
        while (marker is not null);

        var inventory = fixture.Inventory;
        var total = inventory.Users.Length + inventory.Groups.Length + inventory.Roles.Length + inventory.Policies.Length;
        Assert.Equal((total + 4) / 5, pages.Count);
        Assert.Equal(inventory.Users.Select(u => u.Arn), pages.SelectMany(p => p.UserDetailList).Select(u => u.Arn));
        var role = pages.SelectMany(p => p.RoleDetailList).First(r => r.AssumeRolePolicyDocument is not null);
        Assert.StartsWith("%7B", role.AssumeRolePolicyDocument, StringComparison.Ordinal);
        Assert.Equal(inventory.Roles.First(r => r.Arn == role.Arn).TrustPolicy, Uri.UnescapeDataString(role.AssumeRolePolicyDocument!));
    }

    [Fact]
    public async Task Response_plans_their_policies_and_the_replication_set_read_as_the_inventory_has_them()
    {
        using var incidents = new AmazonSSMIncidentsClient(fixture.Settings());

        var first = await incidents.ListResponsePlansAsync(new ListResponsePlansRequest { MaxResults = 2 });
        var rest = await incidents.ListResponsePlansAsync(new ListResponsePlansRequest { NextToken = first.NextToken });
        var plan = fixture.Inventory.ResponsePlans.First(p => !p.ResourcePolicies.IsEmpty);
        var detail = await incidents.GetResponsePlanAsync(new GetResponsePlanRequest { Arn = plan.Arn });
        var policies = await incidents.GetResourcePoliciesAsync(new GetResourcePoliciesRequest { ResourceArn = plan.Arn });
        var sets = await incidents.ListReplicationSetsAsync(new ListReplicationSetsRequest());
        var set = await incidents.GetReplicationSetAsync(new GetReplicationSetRequest { Arn = sets.ReplicationSetArns[0] });

        Assert.Equal(fixture.Inventory.ResponsePlans.Select(p => p.Arn), first.ResponsePlanSummaries.Concat(rest.ResponsePlanSummaries).Select(p => p.Arn));
        Assert.Null(rest.NextToken);
        Assert.Equal(plan.Actions.Select(a => a.RoleArn), detail.Actions.Select(a => a.SsmAutomation!.RoleArn));
        Assert.Equal(plan.ResourcePolicies.Select(p => p.Document), policies.ResourcePolicies.Select(p => p.PolicyDocument));
        Assert.Equal(fixture.Inventory.ReplicationSet!.Regions, set.ReplicationSet!.RegionMap.Keys.Order());
    }

    [Fact]
    public async Task Contacts_are_regional_and_carry_their_stages_and_policies()
    {
        using var east = new AmazonSSMContactsClient(fixture.Settings(region: "us-east-1"));
        using var west = new AmazonSSMContactsClient(fixture.Settings(region: "us-west-2"));

        var listed = (await east.ListContactsAsync(new ListContactsRequest())).Contacts;
        var escalation = fixture.Inventory.Contacts.First(c => c.Type == "ESCALATION");
        var contact = await east.GetContactAsync(new GetContactRequest { ContactId = escalation.Arn });
        var withPolicy = fixture.Inventory.Contacts.First(c => c.Policy is not null);
        var policy = await east.GetContactPolicyAsync(new GetContactPolicyRequest { ContactArn = withPolicy.Arn });

        Assert.Equal(fixture.Inventory.Contacts.Where(c => c.Arn.Contains(":us-east-1:", StringComparison.Ordinal)).Select(c => c.Arn), listed.Select(c => c.ContactArn));
        Assert.DoesNotContain(listed.Select(c => c.ContactArn), (await west.ListContactsAsync(new ListContactsRequest())).Contacts.Select(c => c.ContactArn).Contains);
        Assert.Equal(escalation.Stages.SelectMany(s => s.ContactTargets), contact.Plan!.Stages.SelectMany(s => s.Targets).Select(t => t.ContactTargetInfo?.ContactId).OfType<string>());
        Assert.Equal(withPolicy.Policy, policy.Policy);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_with_the_services_own_signature_error()
    {
        using var iam = new AmazonIdentityManagementServiceClient(fixture.Settings(secret: "wrong"));
        using var contacts = new AmazonSSMContactsClient(fixture.Settings(secret: "wrong"));

        var query = await Assert.ThrowsAsync<AmazonServiceException>(() => iam.GetAccountAuthorizationDetailsAsync(new GetAccountAuthorizationDetailsRequest()));
        var json = await Assert.ThrowsAsync<AmazonServiceException>(() => contacts.ListContactsAsync(new ListContactsRequest()));

        Assert.Equal("SignatureDoesNotMatch", query.ErrorCode);
        Assert.Equal("InvalidSignatureException", json.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, json.StatusCode);
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_retried_with_growing_jittered_delays()
    {
        var delays = new List<TimeSpan>();
        using var incidents = new AmazonSSMIncidentsClient(fixture.Settings(delays: delays));
        fixture.Emulator.Faults.Add(new FaultRule("ssm-incidents", "ListResponsePlans", null, FaultKind.Throttle, 2));
        fixture.Emulator.Faults.Add(new FaultRule("ssm-incidents", "ListResponsePlans", null, FaultKind.ServerError, 1));

        var plans = await incidents.ListResponsePlansAsync(new ListResponsePlansRequest());

        Assert.Equal(fixture.Inventory.ResponsePlans.Length, plans.ResponsePlanSummaries.Count);
        Assert.Equal(4, fixture.Emulator.Requests.Count("ssm-incidents", "ListResponsePlans"));
        Assert.Equal(3, delays.Count);
        Assert.All(delays.Select((d, i) => (d, i)), x => Assert.InRange(x.d.TotalMilliseconds, 0, 200 * Math.Pow(2, x.i + 1)));
    }

    [Fact]
    public async Task Retries_stop_at_the_budget_and_the_error_names_the_code()
    {
        using var contacts = new AmazonSSMContactsClient(fixture.Settings() with { MaxAttempts = 3 });
        fixture.Emulator.Faults.Add(new FaultRule("ssm-contacts", "ListContacts", null, FaultKind.Throttle));

        var error = await Assert.ThrowsAsync<AmazonServiceException>(() => contacts.ListContactsAsync(new ListContactsRequest()));

        Assert.Equal("ThrottlingException", error.ErrorCode);
        Assert.Equal(3, fixture.Emulator.Requests.Count("ssm-contacts", "ListContacts"));
    }

    [Fact]
    public async Task Access_denied_is_not_retried()
    {
        using var incidents = new AmazonSSMIncidentsClient(fixture.Settings());
        var plan = fixture.Inventory.ResponsePlans[0].Arn;
        fixture.Emulator.Faults.Add(new FaultRule("ssm-incidents", "GetResourcePolicies", plan, FaultKind.AccessDenied));

        var error = await Assert.ThrowsAsync<AmazonServiceException>(() => incidents.GetResourcePoliciesAsync(new GetResourcePoliciesRequest { ResourceArn = plan }));

        Assert.Equal("AccessDeniedException", error.ErrorCode);
        Assert.Equal(1, fixture.Emulator.Requests.Count("ssm-incidents", "GetResourcePolicies"));
        Assert.Contains("not authorized", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_body_is_a_broken_connection_and_is_retried()
    {
        using var iam = new AmazonIdentityManagementServiceClient(fixture.Settings());
        fixture.Emulator.Faults.Add(new FaultRule("iam", "GetAccountAuthorizationDetails", null, FaultKind.Truncate, 1));

        var page = await iam.GetAccountAuthorizationDetailsAsync(new GetAccountAuthorizationDetailsRequest { MaxItems = 3 });

        Assert.Equal(3, page.UserDetailList.Count + page.GroupDetailList.Count + page.RoleDetailList.Count + page.Policies.Count);
        Assert.Equal(2, fixture.Emulator.Requests.Count("iam", "GetAccountAuthorizationDetails"));
    }

    [Fact]
    public async Task A_resource_that_is_not_there_is_the_services_not_found_error()
    {
        using var incidents = new AmazonSSMIncidentsClient(fixture.Settings());

        var error = await Assert.ThrowsAsync<AmazonServiceException>(() => incidents.GetResponsePlanAsync(new GetResponsePlanRequest { Arn = "arn:aws:ssm-incidents::111122223333:response-plan/nope" }));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
    }
}
