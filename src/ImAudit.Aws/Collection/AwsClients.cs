using Amazon.SecurityToken;
using ImAudit.Aws.IdentityManagement;
using ImAudit.Aws.SSMContacts;
using ImAudit.Aws.SSMIncidents;

namespace ImAudit.Aws.Collection;

/// <summary>
/// The clients a collection uses. Incident Manager is regional: SSM Incidents and SSM Contacts clients are made
/// per Region (the replication set's Regions). Tests hand in mocks; <see cref="AwsClientFactory"/> makes real ones.
/// </summary>
public sealed record AwsClients(
    string HomeRegion,
    IAmazonSecurityTokenService Sts,
    IAmazonIdentityManagementService Iam,
    Func<string, IAmazonSSMIncidents> IncidentsIn,
    Func<string, IAmazonSSMContacts> ContactsIn)
{
    /// <summary>How many Incident Manager reads run at once.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Where STS is reached (named when AWS cannot be reached at all); null for clients without one (mocks).</summary>
    public Uri? StsEndpoint { get; init; }

    /// <summary>Attempts per call, the first included: said when AWS cannot be reached.</summary>
    public int MaxAttempts { get; init; } = 1;

    /// <summary>
    /// Security Hub in <see cref="HomeRegion"/>, with these clients' credentials: those of the account they read, the
    /// only account whose findings Security Hub takes from them (<c>BatchImportFindings</c> with the default product
    /// needs the caller's account to be each finding's <c>AwsAccountId</c>). Null where nothing can be imported (mocks).
    /// </summary>
    public Func<SecurityHub.IAmazonSecurityHub>? SecurityHub { get; init; }
}
