using Amazon;
using Amazon.S3;
using ImAudit.Aws.Runtime;

namespace ImAudit.Aws.Storage;

/// <summary>The official S3 client configured like the others (Region, credentials, AWS_ENDPOINT_URL[_S3]).</summary>
public static class S3ClientFactory
{
    public static IAmazonS3 Create(AwsClientSettings settings)
    {
        var config = new AmazonS3Config
        {
            RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region),
            // Checksums only where S3 requires them: plain signed bodies, which every S3 implementation reads.
            RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = Math.Max(0, settings.MaxAttempts - 1),
        };
        if (settings.Endpoints.Override("s3") is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.ForcePathStyle = true;
        }
        return new AmazonS3Client(settings.Credentials, config);
    }
}
