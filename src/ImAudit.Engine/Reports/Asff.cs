using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Json;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Reports;

/// <summary>
/// The report's findings in the AWS Security Finding Format, ready for Security Hub's <c>BatchImportFindings</c>:
/// every required attribute, severity and types under <c>FindingProviderFields</c>, the account's default product
/// ARN, stable Ids from fingerprints, <c>CreatedAt</c> when first seen and <c>UpdatedAt</c> now, findings resolved
/// since the previous run archived; in batches of at most 100, each a <c>{"Findings": […]}</c> request body.
/// </summary>
internal static class Asff
{
    public const string SchemaVersion = "2018-10-08";
    public const int BatchSize = 100;
    private const int DescriptionLimit = 1024;
    private const int RecommendationLimit = 512;

    private static readonly FrozenDictionary<string, Rules.RuleDescriptor> RulesById =
        Rules.RuleRegistry.All.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);

    /// <summary>The request bodies, in order: this run's findings, then the resolved ones (archived).</summary>
    public static ImmutableArray<byte[]> Batches(AuditReport report, IReadOnlyDictionary<string, DateTimeOffset> firstSeen, string region, string partition = "aws", string? docsBaseUrl = null) =>
        [.. Enumerable.Range(0, BatchCount(report)).Select(i => Batch(report, i, firstSeen, region, partition, docsBaseUrl))];

    /// <summary>How many request bodies the report makes.</summary>
    public static int BatchCount(AuditReport report) =>
        (report.Findings.Length + (report.Drift?.Resolved.Length ?? 0) + BatchSize - 1) / BatchSize;

    /// <summary>One request body (<paramref name="index"/> from 0), made when it is needed: the batches are never held together.</summary>
    public static byte[] Batch(AuditReport report, int index, IReadOnlyDictionary<string, DateTimeOffset> firstSeen, string region, string partition = "aws", string? docsBaseUrl = null) =>
        Whole.Bytes(stream => WriteBatch(stream, report, index, firstSeen, region, partition, docsBaseUrl));

    /// <summary>
    /// One request body written straight to <paramref name="destination"/>. Each finding carries its rule's remediation
    /// (<c>Remediation.Recommendation.Text</c>) and, with <paramref name="docsBaseUrl"/>, the rule's docs page (<c>Url</c>).
    /// </summary>
    public static void WriteBatch(Stream destination, AuditReport report, int index, IReadOnlyDictionary<string, DateTimeOffset> firstSeen, string region, string partition = "aws",
        string? docsBaseUrl = null)
    {
        var resolved = report.Drift?.Resolved ?? [];
        var total = report.Findings.Length + resolved.Length;
        var batch = Enumerable.Range(index * BatchSize, Math.Max(0, Math.Min(BatchSize, total - index * BatchSize)))
            .Select(i => i < report.Findings.Length ? (Finding: report.Findings[i], Archived: false) : (Finding: resolved[i - report.Findings.Length], Archived: true));
        var product = $"arn:{partition}:securityhub:{region}:{report.AccountId}:product/{report.AccountId}/default";
        var now = Time(report.GeneratedAt);
        using (var w = new Utf8JsonWriter(destination, JsonFormats.Compact))
        {
            w.WriteStartObject();
            w.WriteStartArray("Findings");
            foreach (var (f, archived) in batch)
            {
                w.WriteStartObject();
                w.WriteString("SchemaVersion", SchemaVersion);
                w.WriteString("Id", $"imaudit/{report.AccountId}/{f.Fingerprint}");
                w.WriteString("ProductArn", product);
                w.WriteString("GeneratorId", $"imaudit/{f.RuleId}");
                w.WriteString("AwsAccountId", report.AccountId);
                w.WriteString("Region", region);
                w.WriteString("CreatedAt", Time(firstSeen.GetValueOrDefault(f.Fingerprint, report.GeneratedAt)));
                w.WriteString("UpdatedAt", now);
                w.WriteString("Title", $"{f.RuleId} {f.Title}");
                w.WriteString("Description", Limit(f.Message));
                w.WriteStartObject("FindingProviderFields");
                w.WriteStartObject("Severity");
                w.WriteString("Label", Label(f.Severity));
                w.WriteString("Original", f.Severity.Name());
                w.WriteEndObject();
                w.WriteStartArray("Types");
                w.WriteStringValue("Software and Configuration Checks/AWS Security Best Practices/Incident Manager permissions");
                w.WriteEndArray();
                w.WriteEndObject();
                if (RulesById.TryGetValue(f.RuleId, out var rule))
                {
                    w.WriteStartObject("Remediation");
                    w.WriteStartObject("Recommendation");
                    w.WriteString("Text", Limit(rule.Remediation, RecommendationLimit));
                    if (rule.DocsUrl(docsBaseUrl) is { } url)
                        w.WriteString("Url", url);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
                w.WriteStartObject("ProductFields");
                w.WriteString("imaudit/RuleId", f.RuleId);
                w.WriteString("imaudit/Fingerprint", f.Fingerprint);
                if (f.Location?.Policy is { } policy)
                    w.WriteString("imaudit/Policy", Limit(policy));
                if (f.Location?.Pointer is { } pointer)
                    w.WriteString("imaudit/Pointer", pointer);
                w.WriteEndObject();
                w.WriteStartArray("Resources");
                w.WriteStartObject();
                w.WriteString("Type", ResourceType(f.Resource));
                w.WriteString("Id", f.Resource);
                w.WriteString("Partition", partition);
                w.WriteString("Region", region);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteString("RecordState", archived ? "ARCHIVED" : "ACTIVE");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
    }

    private static string Label(Severity severity) => severity switch
    {
        Severity.Critical => "CRITICAL",
        Severity.High => "HIGH",
        Severity.Medium => "MEDIUM",
        Severity.Low => "LOW",
        _ => "INFORMATIONAL",
    };

    // Security Hub's resource types for what ImAudit reports on; anything else (response plans, contacts) is Other.
    private static string ResourceType(string arn) => Arn.Parse(arn) is { Service: "iam" } parsed
        ? parsed.ResourceType switch { "user" => "AwsIamUser", "role" => "AwsIamRole", "group" => "AwsIamGroup", "policy" => "AwsIamPolicy", _ => "Other" }
        : "Other";

    private static string Limit(string text, int limit = DescriptionLimit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
