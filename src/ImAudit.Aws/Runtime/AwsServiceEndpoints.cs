namespace ImAudit.Aws.Runtime;

/// <summary>
/// Where each service is reached, the way the AWS SDKs decide it: <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, then
/// <c>AWS_ENDPOINT_URL</c>, then the service's public endpoint for the Region and partition.
/// </summary>
public sealed class AwsServiceEndpoints(IReadOnlyDictionary<string, string> environment)
{
    /// <summary>The endpoint of a service (its SDK service id, e.g. <c>ssm-incidents</c>) in a Region.</summary>
    public Uri For(string service, string region)
    {
        if (Override(service) is { } configured)
            return configured;
        var suffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return service switch
        {
            "iam" when region.StartsWith("cn-", StringComparison.Ordinal) => new Uri("https://iam.cn-north-1.amazonaws.com.cn/"),
            "iam" when region.StartsWith("us-gov-", StringComparison.Ordinal) => new Uri("https://iam.us-gov.amazonaws.com/"),
            "iam" => new Uri("https://iam.amazonaws.com/"),
            "organizations" => new Uri($"https://organizations.{SigningRegion(service, region)}.{suffix}/"),
            _ => new Uri($"https://{service}.{region}.{suffix}/"),
        };
    }

    /// <summary>The endpoint the environment sets for a service, if any (for clients that resolve their own defaults).</summary>
    public Uri? Override(string service) =>
        Configured("AWS_ENDPOINT_URL_" + service.ToUpperInvariant().Replace('-', '_')) ?? Configured("AWS_ENDPOINT_URL");

    /// <summary>
    /// The Region a global service signs for: IAM in us-east-1, Organizations in us-east-1 (commercial), us-gov-west-1
    /// (GovCloud) and cn-northwest-1 (China, where IAM signs in cn-north-1).
    /// </summary>
    public static string SigningRegion(string service, string region)
    {
        if (service is not ("iam" or "organizations"))
            return region;
        if (region.StartsWith("us-gov-", StringComparison.Ordinal))
            return "us-gov-west-1";
        if (region.StartsWith("cn-", StringComparison.Ordinal))
            return service == "iam" ? "cn-north-1" : "cn-northwest-1";
        return "us-east-1";
    }

    private Uri? Configured(string name)
    {
        if (!environment.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))
            return null;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"{name} is `{value}`, not an http(s) URL");
        return uri;
    }
}
