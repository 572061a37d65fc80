using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using ImAudit.Aws.IdentityManagement;
using ImAudit.Aws.Runtime;
using ImAudit.Aws.SSMContacts;
using ImAudit.Aws.SSMIncidents;

namespace ImAudit.Aws.Collection;

/// <summary>
/// Real clients configured the way every AWS tool is: <c>AWS_REGION</c> (or <c>AWS_DEFAULT_REGION</c>, or the
/// profile's region), <c>AWS_PROFILE</c> and the SDK's standard credential chain, <c>AWS_ENDPOINT_URL</c> and
/// <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, <c>AWS_MAX_ATTEMPTS</c>.
/// </summary>
public static class AwsClientFactory
{
    /// <summary>
    /// Clients from the environment; with <paramref name="roleArn"/>, for the role those credentials assume (STS
    /// AssumeRole, optionally with an external ID): how one account audits another. AssumeRole ends when
    /// <paramref name="cancellationToken"/> is cancelled, with <see cref="AwsUnreachableException"/>.
    /// </summary>
    public static AwsClients FromEnvironment(IReadOnlyDictionary<string, string> environment, string? region = null, string? profile = null,
        HttpMessageHandler? handler = null, string? roleArn = null, string? externalId = null, CancellationToken cancellationToken = default)
    {
        var settings = Settings(environment, region, profile, handler);
        return Create(roleArn is null ? settings : Assume(settings, roleArn, externalId, cancellationToken));
    }

    /// <summary>Region, credentials, endpoints and retry budget from the environment (see the type's summary).</summary>
    public static AwsClientSettings Settings(IReadOnlyDictionary<string, string> environment, string? region = null, string? profile = null, HttpMessageHandler? handler = null)
    {
        profile ??= Value(environment, "AWS_PROFILE");
        var credentials = Credentials(environment, profile);
        region ??= Value(environment, "AWS_REGION") ?? Value(environment, "AWS_DEFAULT_REGION") ?? ProfileRegion(profile)
            ?? throw new ArgumentException("no AWS Region: set AWS_REGION or pass --region");
        var settings = new AwsClientSettings(region, credentials, new AwsServiceEndpoints(environment)) { Handler = handler };
        if (Value(environment, "AWS_MAX_ATTEMPTS") is { } attempts)
        {
            settings = int.TryParse(attempts, out var n) && n is >= 1 and <= 20
                ? settings with { MaxAttempts = n }
                : throw new ArgumentException($"AWS_MAX_ATTEMPTS is `{attempts}`, not a number from 1 to 20");
        }
        return settings;
    }

    /// <summary>
    /// The same settings with the credentials of a role these ones assume (STS AssumeRole); cancelled (a deadline),
    /// <see cref="AwsUnreachableException"/> naming the STS endpoint.
    /// </summary>
    public static AwsClientSettings Assume(AwsClientSettings settings, string roleArn, string? externalId, CancellationToken cancellationToken = default) =>
        settings with { Credentials = AssumeRole(settings, roleArn, externalId, cancellationToken) };

    public static AwsClients Create(AwsClientSettings settings)
    {
        // One client per Region for the life of the clients (each holds an HTTP connection pool).
        var incidents = new System.Collections.Concurrent.ConcurrentDictionary<string, IAmazonSSMIncidents>(StringComparer.Ordinal);
        var contacts = new System.Collections.Concurrent.ConcurrentDictionary<string, IAmazonSSMContacts>(StringComparer.Ordinal);
        return new(settings.Region, Sts(settings), new AmazonIdentityManagementServiceClient(settings),
            region => incidents.GetOrAdd(region, r => new AmazonSSMIncidentsClient(settings with { Region = r })),
            region => contacts.GetOrAdd(region, r => new AmazonSSMContactsClient(settings with { Region = r })))
        {
            StsEndpoint = settings.Endpoints.For("sts", settings.Region),
            MaxAttempts = settings.MaxAttempts,
            SecurityHub = () => new SecurityHub.AmazonSecurityHubClient(settings),
        };
    }

    /// <summary>
    /// A collector of the whole organization, working from these settings' credentials (the management account or a
    /// delegated administrator): Organizations lists the accounts, STS assumes each one's member role.
    /// </summary>
    public static OrganizationCollector Organization(AwsClientSettings settings, string memberRoleName, string? externalId, int maxConcurrency, IReadOnlyList<string>? regions = null) =>
        new(new Organizations.AmazonOrganizationsClient(settings), Sts(settings),
            credentials => Create(credentials is null ? settings : settings with { Credentials = credentials }))
        {
            MemberRoleName = memberRoleName,
            ExternalId = externalId,
            MaxConcurrency = maxConcurrency,
            Regions = regions,
            Partition = settings.Region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
                : settings.Region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws",
        };

    private static AWSCredentials AssumeRole(AwsClientSettings settings, string roleArn, string? externalId, CancellationToken cancellationToken)
    {
        using var sts = Sts(settings);
        Amazon.SecurityToken.Model.AssumeRoleResponse assumed;
        try
        {
            assumed = sts.AssumeRoleAsync(new Amazon.SecurityToken.Model.AssumeRoleRequest
            {
                RoleArn = roleArn,
                RoleSessionName = "imaudit",
                ExternalId = externalId,
                DurationSeconds = 3600,
            }, cancellationToken).GetAwaiter().GetResult();
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or AmazonClientException)
        {
            // The call in flight, or a retry's wait, ended at the deadline: whatever it became, STS did not answer in time.
            throw new AwsUnreachableException($"no answer from STS at `{settings.Endpoints.For("sts", settings.Region)}` before the collection deadline");
        }
        return new SessionAWSCredentials(assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey, assumed.Credentials.SessionToken);
    }

    private static AmazonSecurityTokenServiceClient Sts(AwsClientSettings settings)
    {
        // The same retry budget and attempt timeout as the typed clients (connection failures are retried too).
        var stsConfig = new AmazonSecurityTokenServiceConfig
        {
            RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region),
            MaxErrorRetry = Math.Max(0, settings.MaxAttempts - 1),
            Timeout = settings.AttemptTimeout,
        };
        if (settings.Endpoints.Override("sts") is { } sts)
            stsConfig.ServiceURL = sts.ToString();
        if (settings.Handler is { } handler)
            stsConfig.HttpClientFactory = new FixedHttpClientFactory(handler);
        return new AmazonSecurityTokenServiceClient(settings.Credentials, stsConfig);
    }

    // A named profile first; then AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN); then the SDK's
    // chain (default profile, SSO, web identity, container and instance credentials).
    private static AWSCredentials Credentials(IReadOnlyDictionary<string, string> environment, string? profile)
    {
        SsoCredentials.Register();
        if (profile is not null)
        {
            return new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var fromProfile)
                ? SsoCredentials.SignedIn(fromProfile, profile)
                : throw new ArgumentException($"AWS profile `{Engine.MessageText.Inline(profile)}` was not found in the shared config or credentials files");
        }
        if (Value(environment, "AWS_ACCESS_KEY_ID") is { } key && Value(environment, "AWS_SECRET_ACCESS_KEY") is { } secret)
            return Value(environment, "AWS_SESSION_TOKEN") is { } token ? new SessionAWSCredentials(key, secret, token) : new BasicAWSCredentials(key, secret);
        return SsoCredentials.SignedIn(new DefaultAWSCredentialsIdentityResolver().ResolveIdentity(null), "default");
    }

    private static string? Value(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string? ProfileRegion(string? profile) =>
        new CredentialProfileStoreChain().TryGetProfile(profile ?? "default", out var found) ? found.Region?.SystemName : null;

    // Lets tests route the official STS client through the same local handler as the typed clients.
    private sealed class FixedHttpClientFactory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;
    }
}
