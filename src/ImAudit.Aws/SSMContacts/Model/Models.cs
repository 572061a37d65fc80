namespace ImAudit.Aws.SSMContacts.Model;

// Shapes of the SSM Contacts operations ImAudit calls, named as in the AWS SDK for .NET
// (Amazon.SSMContacts.Model); on the wire (AWS JSON 1.1) members are PascalCase as here.

public sealed class ListContactsRequest
{
    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }

    public string? AliasPrefix { get; init; }

    public string? Type { get; init; }
}

public sealed class ListContactsResponse
{
    public List<Contact> Contacts { get; init; } = [];

    public string? NextToken { get; init; }
}

public sealed class Contact
{
    public string ContactArn { get; init; } = "";

    public string Alias { get; init; } = "";

    public string? DisplayName { get; init; }

    public string Type { get; init; } = "";
}

public sealed class GetContactRequest
{
    public string ContactId { get; init; } = "";
}

public sealed class GetContactResponse
{
    public string ContactArn { get; init; } = "";

    public string Alias { get; init; } = "";

    public string? DisplayName { get; init; }

    public string Type { get; init; } = "";

    public Plan? Plan { get; init; }
}

public sealed class Plan
{
    public List<Stage> Stages { get; init; } = [];

    public List<string> RotationIds { get; init; } = [];
}

public sealed class Stage
{
    public int DurationInMinutes { get; init; }

    public List<Target> Targets { get; init; } = [];
}

public sealed class Target
{
    public ChannelTargetInfo? ChannelTargetInfo { get; init; }

    public ContactTargetInfo? ContactTargetInfo { get; init; }
}

public sealed class ChannelTargetInfo
{
    public string ContactChannelId { get; init; } = "";

    public int? RetryIntervalInMinutes { get; init; }
}

public sealed class ContactTargetInfo
{
    public string? ContactId { get; init; }

    public bool IsEssential { get; init; }
}

public sealed class GetContactPolicyRequest
{
    public string ContactArn { get; init; } = "";
}

public sealed class GetContactPolicyResponse
{
    public string? ContactArn { get; init; }

    public string? Policy { get; init; }
}
