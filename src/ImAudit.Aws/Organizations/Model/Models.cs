using ImAudit.Engine.Inventory;
using System.Text.Json.Serialization;

namespace ImAudit.Aws.Organizations.Model;

// Shapes of the AWS Organizations operations ImAudit calls, named as in the AWS SDK for .NET
// (Amazon.Organizations.Model); on the wire (AWS JSON 1.1) members are PascalCase as here.

public sealed class ListAccountsRequest
{
    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }
}

public sealed class ListAccountsResponse
{
    public List<Account> Accounts { get; init; } = [];

    public string? NextToken { get; init; }
}

public sealed class Account
{
    public string Id { get; init; } = "";

    public string? Arn { get; init; }

    public string? Name { get; init; }

    public string? Email { get; init; }

    /// <summary>Deprecated by AWS in favour of <see cref="State"/>; read for organizations that still only send it.</summary>
    public string? Status { get; init; }

    /// <summary><c>PENDING_ACTIVATION</c>, <c>ACTIVE</c>, <c>SUSPENDED</c>, <c>PENDING_CLOSURE</c> or <c>CLOSED</c>.</summary>
    public string? State { get; init; }

    public string? JoinedMethod { get; init; }

    /// <summary>Seconds since the Unix epoch, as JSON 1.1 sends timestamps.</summary>
    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTime? JoinedTimestamp { get; init; }

    /// <summary>The account's state, falling back to the deprecated status when the state is absent.</summary>
    [JsonIgnore]
    public string EffectiveState => State ?? Status ?? "UNKNOWN";
}

public sealed class DescribeOrganizationRequest;

public sealed class DescribeOrganizationResponse
{
    public Organization? Organization { get; init; }
}

public sealed class Organization
{
    public string Id { get; init; } = "";

    public string? Arn { get; init; }

    public string? FeatureSet { get; init; }

    public string? MasterAccountArn { get; init; }

    public string? MasterAccountId { get; init; }

    public string? MasterAccountEmail { get; init; }
}
