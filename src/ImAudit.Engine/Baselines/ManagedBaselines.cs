using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Baselines;

/// <summary>One version of an AWS managed policy, as AWS published it.</summary>
public sealed record ManagedPolicyVersion(string PolicyName, string Arn, string VersionId, DateTimeOffset Date, string DocumentJson, PolicyDocument Document)
{
    /// <summary><c>NAME@vN</c>.</summary>
    public string QualifiedName => $"{PolicyName}@{VersionId}";
}

/// <summary>
/// The three Incident Manager managed policies with every known version, embedded in the engine
/// (imported by <c>tools/baselines/import-managed-policies.py</c>). Addressed as <c>NAME</c> (newest) or <c>NAME@vN</c>.
/// </summary>
public static class ManagedBaselines
{
    public const string ResolverAccess = "AWSIncidentManagerResolverAccess";
    public const string ServiceRolePolicy = "AWSIncidentManagerServiceRolePolicy";
    public const string IncidentAccessServiceRolePolicy = "AWSIncidentManagerIncidentAccessServiceRolePolicy";

    private static readonly Lazy<ImmutableDictionary<string, ImmutableArray<ManagedPolicyVersion>>> Policies = new(Load);

    public static IReadOnlyList<string> Names { get; } = [ResolverAccess, ServiceRolePolicy, IncidentAccessServiceRolePolicy];

    /// <summary>Every known version, oldest first.</summary>
    public static ImmutableArray<ManagedPolicyVersion> Versions(string policyName) =>
        Policies.Value.TryGetValue(policyName, out var versions) ? versions : [];

    /// <summary>Resolves <c>NAME</c> (newest version) or <c>NAME@vN</c>; names are case-insensitive. Null when unknown.</summary>
    public static ManagedPolicyVersion? Find(string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? reference : reference[..at];
        var versions = Policies.Value.FirstOrDefault(kv => kv.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
        if (versions.IsDefaultOrEmpty)
            return null;
        if (at < 0)
            return versions[^1];
        var id = reference[(at + 1)..];
        return versions.FirstOrDefault(v => v.VersionId.Equals(id, StringComparison.OrdinalIgnoreCase));
    }

    private static ImmutableDictionary<string, ImmutableArray<ManagedPolicyVersion>> Load()
    {
        var result = ImmutableDictionary.CreateBuilder<string, ImmutableArray<ManagedPolicyVersion>>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            using var stream = EmbeddedData.Open($"ImAudit.Engine.baselines.{name}.json");
            using var json = JsonDocument.Parse(stream);
            var root = json.RootElement;
            var arn = root.GetProperty("arn").GetString()!;
            result[name] = [.. root.GetProperty("versions").EnumerateArray().Select(v =>
            {
                var id = v.GetProperty("versionId").GetString()!;
                var document = v.GetProperty("document").GetRawText();
                return new ManagedPolicyVersion(name, arn, id,
                    DateTimeOffset.Parse(v.GetProperty("date").GetString()!, CultureInfo.InvariantCulture),
                    document, PolicyParser.Parse(document, PolicyKind.Identity, $"{name}@{id}"));
            })];
        }
        return result.ToImmutable();
    }
}
