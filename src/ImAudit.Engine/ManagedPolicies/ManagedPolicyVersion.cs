using System.Globalization;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.ManagedPolicies;

/// <summary>
/// One version of an AWS managed policy as AWS published it: its text, and the document parsed on first use (a
/// policy's history is read whole; most of its versions are never parsed).
/// </summary>
public sealed class ManagedPolicyVersion
{
    private readonly Lazy<PolicyDocument> _document;

    internal ManagedPolicyVersion(string policyName, string arn, string versionId, DateTimeOffset? date, string documentJson)
    {
        PolicyName = policyName;
        Arn = arn;
        VersionId = versionId;
        Date = date;
        DocumentJson = documentJson;
        _document = new(() => PolicyParser.Parse(documentJson, PolicyKind.Identity, QualifiedName));
    }

    public string PolicyName { get; }

    /// <summary>The policy's ARN in the <c>aws</c> partition.</summary>
    public string Arn { get; }

    public string VersionId { get; }

    /// <summary>When AWS published the version; null when the source does not know.</summary>
    public DateTimeOffset? Date { get; }

    public string DocumentJson { get; }

    public PolicyDocument Document => _document.Value;

    /// <summary><c>NAME@vN</c>.</summary>
    public string QualifiedName => $"{PolicyName}@{VersionId}";

    /// <summary>"version v1 of 2015-02-06", or "version v3 (date unknown)".</summary>
    public string Describe() =>
        Date is { } d ? $"version {VersionId} of {d.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : $"version {VersionId} (date unknown)";
}
