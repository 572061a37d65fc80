using ImAudit.Aws.Runtime;
using ImAudit.Aws.SSMContacts.Model;

namespace ImAudit.Aws.SSMContacts;

/// <summary>SSM Contacts over AWS JSON 1.1: <c>POST /</c>, <c>X-Amz-Target: SSMContacts.&lt;Operation&gt;</c>.</summary>
public sealed class AmazonSSMContactsClient(AwsClientSettings settings) : IAmazonSSMContacts
{
    private const string Target = "SSMContacts";
    private readonly AwsServiceCaller _caller = new(settings, "ssm-contacts", AwsProtocol.Json);

    public Task<ListContactsResponse> ListContactsAsync(ListContactsRequest request, CancellationToken cancellationToken = default) =>
        RestJsonProtocol.CallJsonAsync(_caller, Target, "ListContacts", RestJsonProtocol.Body(request, SSMContactsJson.Default.ListContactsRequest),
            SSMContactsJson.Default.ListContactsResponse, cancellationToken);

    public Task<GetContactResponse> GetContactAsync(GetContactRequest request, CancellationToken cancellationToken = default) =>
        RestJsonProtocol.CallJsonAsync(_caller, Target, "GetContact", RestJsonProtocol.Body(request, SSMContactsJson.Default.GetContactRequest),
            SSMContactsJson.Default.GetContactResponse, cancellationToken);

    public Task<GetContactPolicyResponse> GetContactPolicyAsync(GetContactPolicyRequest request, CancellationToken cancellationToken = default) =>
        RestJsonProtocol.CallJsonAsync(_caller, Target, "GetContactPolicy", RestJsonProtocol.Body(request, SSMContactsJson.Default.GetContactPolicyRequest),
            SSMContactsJson.Default.GetContactPolicyResponse, cancellationToken);

    public void Dispose() => _caller.Dispose();
}
