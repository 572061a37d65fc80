using Amazon.Runtime;
using ImAudit.Aws.Collection;
using ImAudit.Aws.SecurityHub;

namespace ImAudit.Cli;

/// <summary>
/// <c>scan --security-hub</c>: imports the ASFF batches into Security Hub in the chosen Region with the environment's
/// credentials (AWS_ENDPOINT_URL_SECURITYHUB honoured). Refused findings are listed on stderr; a refused call is exit 2.
/// </summary>
internal static class SecurityHubUpload
{
    public static void Send(IEnumerable<byte[]> batches, string region, CliEnvironment environment, TextWriter stderr)
    {
        try
        {
            var settings = AwsClientFactory.Settings(environment.Variables, region, handler: environment.Handler);
            using var client = new AmazonSecurityHubClient(settings);
            var result = SecurityHubExport.ImportAsync(client, batches).GetAwaiter().GetResult();
            stderr.WriteLine($"security hub ({region}): {result.Imported} findings imported" + (result.Failed.Count > 0 ? $", {result.Failed.Count} refused" : ""));
            foreach (var failure in result.Failed)
                stderr.WriteLine($"  refused `{failure.Id}`: {failure.ErrorCode}: {Engine.MessageText.OneLine(failure.ErrorMessage)}");
        }
        catch (AmazonServiceException e)
        {
            throw new UsageException($"Security Hub refused the import: {e.ErrorCode}: {Engine.MessageText.OneLine(e.Message)} (the reports are written)");
        }
        catch (Exception e) when (e is ArgumentException or AmazonClientException)
        {
            throw new UsageException($"cannot reach Security Hub: {Engine.MessageText.OneLine(e.Message)} (the reports are written)");
        }
    }
}
