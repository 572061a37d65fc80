namespace ImAudit.Aws.Runtime;

/// <summary>The wire protocols of the services ImAudit calls, as their models name them.</summary>
public enum AwsProtocol
{
    /// <summary>IAM, STS: form-encoded POST, XML responses.</summary>
    Query,

    /// <summary>SSM Incidents: an HTTP method and path per operation, JSON bodies.</summary>
    RestJson,

    /// <summary>SSM Contacts: <c>POST /</c> with <c>X-Amz-Target</c>, JSON 1.1 bodies.</summary>
    Json,
}
