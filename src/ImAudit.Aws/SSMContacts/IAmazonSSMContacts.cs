using ImAudit.Aws.SSMContacts.Model;

namespace ImAudit.Aws.SSMContacts;

/// <summary>The SSM Contacts operations ImAudit calls, named as in the AWS SDK for .NET.</summary>
public interface IAmazonSSMContacts : IDisposable
{
    Task<ListContactsResponse> ListContactsAsync(ListContactsRequest request, CancellationToken cancellationToken = default);

    Task<GetContactResponse> GetContactAsync(GetContactRequest request, CancellationToken cancellationToken = default);

    Task<GetContactPolicyResponse> GetContactPolicyAsync(GetContactPolicyRequest request, CancellationToken cancellationToken = default);
}
