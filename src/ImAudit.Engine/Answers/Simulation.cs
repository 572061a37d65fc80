using System.Collections.Immutable;
using System.Text.Json;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Answers;

/// <summary>
/// The answer to a <see cref="SimulationRequest"/>: the decision with the statements that apply, and what the
/// request got wrong before any policy was read (<see cref="Warnings"/>). <c>imaudit simulate</c> prints it.
/// </summary>
public sealed class Simulation
{
    private readonly SimulationResult _result;

    internal Simulation(SimulationResult result, ImmutableArray<string> warnings)
    {
        _result = result;
        Warnings = warnings;
    }

    /// <summary><c>allowed</c>, <c>implicit-deny</c> or <c>explicit-deny</c>.</summary>
    public string Decision => Name(_result.Decision);

    /// <summary>The decision depends on context the request did not give.</summary>
    public bool Conditional => _result.Conditional;

    /// <summary>
    /// An action the catalogue does not have, or a key Incident Manager never sends with the action (evaluated as
    /// absent, as AWS would), one line each.
    /// </summary>
    public ImmutableArray<string> Warnings { get; }

    /// <summary>The decision, why, and each statement that applies, for people.</summary>
    public void WriteText(TextWriter output)
    {
        var suffix = _result.Conditional ? " (conditional: depends on context the request did not give)" : "";
        output.WriteLine($"decision: {Decision}{suffix}");
        output.WriteLine($"why: {_result.Reason}");
        if (_result.MatchedStatements.IsEmpty)
        {
            output.WriteLine("no statement applies to this request");
            return;
        }
        output.WriteLine("statements that apply:");
        foreach (var s in _result.MatchedStatements)
        {
            var sid = s.Sid is null ? "" : $" (Sid `{s.Sid}`)";
            var when = (s.Role == PolicyRole.Resource ? (s.Reach == PrincipalReach.NotListed ? "  [NotPrincipal does not list the caller]" : $"  [names the {Reach(s.Reach).Replace('-', ' ')}]") : "")
                + (s.Conditional ? "  [if its conditions hold]" : "");
            output.WriteLine($"  {(s.Effect == Effect.Allow ? "Allow" : "Deny "),-5} {Role(s.Role)} `{s.Policy}` statement {s.Statement}{sid} at `{s.Pointer}`{when}");
        }
    }

    /// <summary>The same as properties of the JSON object <paramref name="w"/> is writing (what <c>imaudit simulate --format json</c> prints).</summary>
    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteString("decision", Decision);
        w.WriteBoolean("conditional", _result.Conditional);
        w.WriteBoolean("crossAccount", _result.CrossAccount);
        w.WriteStartArray("decidedBy");
        foreach (var role in _result.DecidedBy)
            w.WriteStringValue(Role(role));
        w.WriteEndArray();
        w.WriteString("reason", _result.Reason);
        if (!Warnings.IsEmpty)
        {
            w.WriteStartArray("warnings");
            foreach (var warning in Warnings)
                w.WriteStringValue(warning);
            w.WriteEndArray();
        }
        w.WriteStartArray("matchedStatements");
        foreach (var s in _result.MatchedStatements)
        {
            w.WriteStartObject();
            w.WriteString("policy", s.Policy);
            w.WriteString("role", Role(s.Role));
            w.WriteNumber("statement", s.Statement);
            if (s.Sid is not null)
                w.WriteString("sid", s.Sid);
            w.WriteString("effect", s.Effect == Effect.Allow ? "Allow" : "Deny");
            w.WriteBoolean("conditional", s.Conditional);
            w.WriteString("pointer", s.Pointer);
            if (s.Role == PolicyRole.Resource)
                w.WriteString("principalMatch", Reach(s.Reach));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static string Name(Evaluation.Decision decision) => decision switch
    {
        Evaluation.Decision.Allowed => "allowed",
        Evaluation.Decision.ImplicitDeny => "implicit-deny",
        _ => "explicit-deny",
    };

    private static string Role(PolicyRole role) => role switch
    {
        PolicyRole.Identity => "identity",
        PolicyRole.PermissionsBoundary => "permissions-boundary",
        _ => "resource",
    };

    private static string Reach(PrincipalReach reach) => reach switch
    {
        PrincipalReach.Caller => "caller",
        PrincipalReach.Identity => "role-or-user",
        PrincipalReach.NotListed => "not-principal",
        _ => "account",
    };
}
