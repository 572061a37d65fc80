using System.Text.Json.Serialization;
using ImAudit.Aws.SSMContacts.Model;

namespace ImAudit.Aws.SSMContacts;

/// <summary>Source-generated JSON for SSM Contacts (AWS JSON 1.1, PascalCase members).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ListContactsRequest))]
[JsonSerializable(typeof(ListContactsResponse))]
[JsonSerializable(typeof(GetContactRequest))]
[JsonSerializable(typeof(GetContactResponse))]
[JsonSerializable(typeof(GetContactPolicyRequest))]
[JsonSerializable(typeof(GetContactPolicyResponse))]
public sealed partial class SSMContactsJson : JsonSerializerContext;
