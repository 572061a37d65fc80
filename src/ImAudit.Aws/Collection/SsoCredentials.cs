using Amazon;
using Amazon.Runtime;
using Amazon.RuntimeDependencies;
using Amazon.SSO;
using Amazon.SSOOIDC;

namespace ImAudit.Aws.Collection;

/// <summary>
/// IAM Identity Center (AWS SSO) profiles, <c>sso_session</c> or legacy <c>sso_start_url</c>. The SDK makes its SSO
/// and SSO OIDC clients by reflection unless they are registered; registered here, so the trimmed Native AOT builds
/// (the CLI, the function) can use such profiles too. A profile whose cached token is missing or expired is told to
/// sign in, before any call, instead of failing on the first signed request.
/// </summary>
internal static class SsoCredentials
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        GlobalRuntimeDependencyRegistry.Instance.RegisterSSOClient(context =>
            new AmazonSSOClient(new AnonymousAWSCredentials(), Config(new AmazonSSOConfig(), context.SSOClientContextData.Region, context.SSOClientContextData.ProxySettings)));
        GlobalRuntimeDependencyRegistry.Instance.RegisterSSOOIDCClient(context =>
            new AmazonSSOOIDCClient(new AnonymousAWSCredentials(), Config(new AmazonSSOOIDCConfig(), context.SSOOIDCClientContextData.Region, context.SSOOIDCClientContextData.ProxySettings)));
        return true;
    });

    public static void Register() => _ = Registered.Value;

    /// <summary>The credentials as they are, or, for an SSO profile, once its cached token is known to be usable.</summary>
    public static AWSCredentials SignedIn(AWSCredentials credentials, string profile)
    {
        if (credentials is not SSOAWSCredentials sso)
            return credentials;
        // Never start the device authorization flow from a batch tool: only a cached (or refreshable) token will do.
        sso.Options.SupportsGettingNewToken = false;
        var name = Engine.MessageText.Inline(profile);
        try
        {
            sso.GetCredentials();
            return credentials;
        }
        catch (Exception e) when (ConnectionFailure.Describe(e) is { } reason)
        {
            throw new ArgumentException($"cannot get credentials for AWS profile `{name}` from IAM Identity Center: {reason}");
        }
        catch (Exception e) when (e is AmazonClientException or InvalidOperationException)
        {
            throw new ArgumentException($"AWS profile `{name}` signs in with IAM Identity Center and has no valid cached token: run `aws sso login --profile {name}`");
        }
    }

    private static T Config<T>(T config, RegionEndpoint region, System.Net.IWebProxy? proxy) where T : ClientConfig
    {
        config.RegionEndpoint = region;
        if (proxy is not null)
            config.SetWebProxy(proxy);
        return config;
    }
}
