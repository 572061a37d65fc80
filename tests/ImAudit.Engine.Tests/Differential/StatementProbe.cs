using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Tests.Differential;

/// <summary>How iam-simulate read one part of one statement (generate.mjs writes these for every statement).</summary>
internal sealed record StatementReading(string Role, string Policy, int Index, bool Action, bool Resource, string? Principal,
    ImmutableArray<(string Operator, string Key, bool Matches)> Conditions)
{
    public static StatementReading Read(JsonElement e) => new(
        e.GetProperty("role").GetString()!,
        e.GetProperty("policy").GetString()!,
        e.GetProperty("index").GetInt32(),
        e.GetProperty("action").GetBoolean(),
        e.GetProperty("resource").GetBoolean(),
        e.GetProperty("principal").GetString(),
        [.. e.GetProperty("conditions").EnumerateArray().Select(c =>
            (c.GetProperty("operator").GetString()!, c.GetProperty("key").GetString()!, c.GetProperty("matches").GetBoolean()))]);
}

/// <summary>One statement part read differently: <see cref="Class"/> groups alike differences, <see cref="Detail"/> shows this one.</summary>
internal sealed record PartDifference(string Class, string Detail, JsonObject Statement, string? Operator, string? Key, JsonNode? Values,
    IReadOnlyList<string> Given, bool IamSimulate, bool? ImAudit);

/// <summary>
/// Finds the statement parts (action, resource, condition) that ImAudit reads differently from iam-simulate,
/// by asking ImAudit about that part alone: an identity policy with one Allow statement that holds exactly when
/// the part does, for a caller in the resource's account. When every part agrees, the disagreement is in how the policies are combined.
/// </summary>
internal static class StatementProbe
{
    public static IReadOnlyList<PartDifference> Differences(DifferentialCase c)
    {
        var differences = new List<PartDifference>();
        foreach (var reading in c.Statements)
        {
            var document = JsonNode.Parse(DocumentText(c, reading))!.AsObject();
            var statement = document["Statement"]!.AsArray()[reading.Index]!.AsObject();
            var version = document["Version"]?.GetValue<string>();
            var where = $"{reading.Policy} statement {reading.Index}";

            var action = Holds(c, version, Part(statement, "Action", "NotAction"), new JsonObject { ["Resource"] = "*" });
            if (action != reading.Action)
                differences.Add(new($"action element: iam-simulate {Says(reading.Action)}, ImAudit {Says(action)}",
                    $"{where}: {Text(statement, "Action", "NotAction")} for `{c.Action}`", statement, null, null, null, [], reading.Action, action));
            var resource = Holds(c, version, Part(statement, "Resource", "NotResource"), new JsonObject { ["Action"] = "*" });
            if (resource != reading.Resource)
                differences.Add(new($"resource element{ResourceTraits(statement, c)}: iam-simulate {Says(reading.Resource)}, ImAudit {Says(resource)}",
                    $"{where}: {Text(statement, "Resource", "NotResource")} for `{c.Resource}`", statement, null, null, null, [], reading.Resource, resource));
            foreach (var (op, key, matches) in reading.Conditions)
            {
                var values = statement["Condition"]!.AsObject()
                    .First(o => string.Equals(o.Key, op, StringComparison.OrdinalIgnoreCase)).Value!.AsObject()
                    .First(k => string.Equals(k.Key, key, StringComparison.OrdinalIgnoreCase));
                var condition = new JsonObject { ["Condition"] = new JsonObject { [op] = new JsonObject { [values.Key] = values.Value!.DeepClone() } } };
                var holds = Holds(c, version, condition, new JsonObject { ["Action"] = "*", ["Resource"] = "*" });
                var given = c.Context.Where(kv => string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase)).Select(kv => kv.Value).ToList();
                if (holds != matches)
                    differences.Add(new($"condition {op}{(MultiValued.Contains(key) ? " on a multi-valued key" : "")}, key {(given.Count == 0 ? "absent" : "given")}" +
                        $"{(values.Value!.ToJsonString().Contains("${", StringComparison.Ordinal) ? ", policy variable in the value" : "")}: iam-simulate {Says(matches)}, ImAudit {Says(holds)}",
                        $"{where}: {op} {{{values.Key}: {values.Value!.ToJsonString()}}} with {values.Key} {(given.Count == 0 ? "absent" : "= " + JsonSerializer.Serialize(given))}",
                        statement, op, key, values.Value, given, matches, holds));
            }
        }
        return differences;
    }

    private static string DocumentText(DifferentialCase c, StatementReading reading) => reading.Role switch
    {
        "identity" => c.IdentityPolicies[int.Parse(reading.Policy["identity-".Length..])],
        "boundary" => c.PermissionsBoundary!.Value[int.Parse(reading.Policy["boundary-".Length..])],
        _ => c.ResourcePolicy!,
    };

    private static JsonObject Part(JsonObject statement, params string[] names)
    {
        var part = new JsonObject();
        foreach (var name in names.Where(statement.ContainsKey))
            part[name] = statement[name]!.DeepClone();
        return part;
    }

    private static string Text(JsonObject statement, params string[] names) =>
        string.Join(" ", names.Where(statement.ContainsKey).Select(n => $"{n} {statement[n]!.ToJsonString()}"));

    private static readonly HashSet<string> MultiValued = new(["aws:TagKeys", "aws:CalledVia", "aws:PrincipalOrgPaths"], StringComparer.OrdinalIgnoreCase);

    private static string ResourceTraits(JsonObject statement, DifferentialCase c)
    {
        var patterns = Text(statement, "Resource", "NotResource");
        var traits = new List<string>();
        if (c.Resource == "*")
            traits.Add("request resource `*`");
        if (Part(statement, "Resource", "NotResource").Select(p => p.Value!).SelectMany(v => v is JsonArray a ? a.Select(x => x!.GetValue<string>()) : [v.GetValue<string>()])
            .Any(p => p.Split(':').Take(5).Any(segment => segment.Contains("${", StringComparison.Ordinal))))
            traits.Add("policy variable before the fifth colon");
        else if (patterns.Contains("${", StringComparison.Ordinal))
            traits.Add("policy variable");
        return traits.Count > 0 ? $" ({string.Join(", ", traits)})" : "";
    }

    private static string Says(bool? holds) => holds switch { true => "true", false => "false", null => "unknown" };

    /// <summary>Does an Allow statement made of these parts apply, by ImAudit? Null when ImAudit cannot say.</summary>
    private static bool? Holds(DifferentialCase c, string? version, JsonObject part, JsonObject rest)
    {
        var statement = new JsonObject { ["Effect"] = "Allow" };
        foreach (var (name, value) in part.Concat(rest))
            statement[name] = value!.DeepClone();
        var document = new JsonObject { ["Statement"] = new JsonArray(statement) };
        if (version is not null)
            document["Version"] = version;
        var policy = PolicyParser.Parse(document.ToJsonString(), PolicyKind.Identity, "probe");
        // A user of the resource's account: an identity Allow then decides alone, whoever the case's caller is
        // (a service, another account). Every key the part names is given or absent, so the caller's own keys
        // that RequestContext would fill in change nothing.
        var probe = $"arn:aws:iam::{c.ResourceAccount}:user/differential-probe";
        var result = PolicyEngine.Simulate(new PolicySet([policy]), new RequestContext(c.Action, c.Resource, c.Context, c.Absent, probe));
        return result.Conditional ? null : result.Decision == Decision.Allowed;
    }
}
