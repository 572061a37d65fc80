using System.Collections.Immutable;
using System.Text.Json;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Tests.Differential;

/// <summary>What iam-simulate saw while deciding a case (its analysis), kept to classify disagreements.</summary>
internal sealed record CaseFacts(
    bool SameAccount,
    string Identity,
    string? Boundary,
    string? Resource,
    ImmutableArray<string> ResourceAllowMatches,
    ImmutableArray<string> ResourceDenyMatches,
    bool NotPrincipalDenyForBoundary);

/// <summary>
/// One generated request (a line written by tests/differential/generate.mjs) with iam-simulate's decision:
/// <c>Allowed</c>, <c>ImplicitlyDenied</c> or <c>ExplicitlyDenied</c>.
/// </summary>
internal sealed record DifferentialCase(
    int Number,
    string Description,
    string Principal,
    string Action,
    string Resource,
    string ResourceAccount,
    ImmutableArray<string> IdentityPolicies,
    ImmutableArray<string>? PermissionsBoundary,
    string? ResourcePolicy,
    ImmutableArray<KeyValuePair<string, string>> Context,
    ImmutableArray<string> Absent,
    string Expected,
    CaseFacts Facts,
    ImmutableArray<StatementReading> Statements,
    string Json)
{
    public static IEnumerable<DifferentialCase> ReadAll(string path) =>
        File.ReadLines(path).Where(line => line.Length > 0).Select(Read);

    private static DifferentialCase Read(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        static ImmutableArray<string> Documents(JsonElement array) => [.. array.EnumerateArray().Select(d => d.GetRawText())];
        static ImmutableArray<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(s => s.GetString()!)];
        var facts = root.GetProperty("facts");
        return new DifferentialCase(
            root.GetProperty("n").GetInt32(),
            root.GetProperty("description").GetString()!,
            root.GetProperty("principal").GetString()!,
            root.GetProperty("action").GetString()!,
            root.GetProperty("resource").GetString()!,
            root.GetProperty("resourceAccount").GetString()!,
            Documents(root.GetProperty("identityPolicies")),
            root.GetProperty("permissionsBoundary") is { ValueKind: JsonValueKind.Array } b ? Documents(b) : null,
            root.GetProperty("resourcePolicy") is { ValueKind: JsonValueKind.Object } r ? r.GetRawText() : null,
            [.. root.GetProperty("context").EnumerateObject().SelectMany(p => p.Value.EnumerateArray().Select(v => KeyValuePair.Create(p.Name, v.GetString()!)))],
            Strings(root.GetProperty("absent")),
            root.GetProperty("expected").GetString()!,
            new CaseFacts(
                facts.GetProperty("sameAccount").GetBoolean(),
                facts.GetProperty("identity").GetString()!,
                facts.GetProperty("boundary").GetString(),
                facts.GetProperty("resource").GetString(),
                Strings(facts.GetProperty("resourceAllowMatches")),
                Strings(facts.GetProperty("resourceDenyMatches")),
                facts.GetProperty("notPrincipalDenyForBoundary").GetBoolean()),
            [.. root.GetProperty("statements").EnumerateArray().Select(StatementReading.Read)],
            line);
    }

    public bool IsService => !Principal.StartsWith("arn:", StringComparison.Ordinal);

    /// <summary>ImAudit's answer, in iam-simulate's words; "(conditional)" when ImAudit's answer depends on something unknown.</summary>
    public string ImAuditAnswer()
    {
        var documents = IdentityPolicies.Select((p, i) => PolicyParser.Parse(p, PolicyKind.Identity, $"identity-{i}")).ToList();
        var boundary = PermissionsBoundary?.Select((p, i) => PolicyParser.Parse(p, PolicyKind.Identity, $"boundary-{i}")).ToList();
        var resource = ResourcePolicy is null ? null : PolicyParser.Parse(ResourcePolicy, PolicyKind.Resource, "resource");
        var refused = documents.Concat(boundary ?? []).Append(resource).OfType<PolicyDocument>().Where(d => d.HasErrors).ToList();
        if (refused.Count > 0)
            return $"refused {refused[0].Name}: {refused[0].Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error).Message}";

        var result = PolicyEngine.Simulate(new PolicySet(documents, boundary, resource),
            new RequestContext(Action, Resource, Context, Absent, Principal));
        var decision = result.Decision switch
        {
            Decision.Allowed => "Allowed",
            Decision.ImplicitDeny => "ImplicitlyDenied",
            _ => "ExplicitlyDenied",
        };
        return result.Conditional ? decision + " (conditional)" : decision;
    }
}
