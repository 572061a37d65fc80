using System.Collections.Immutable;

namespace ImAudit.Engine.Policies;

/// <summary>What a policy is attached to decides its grammar (Principal required, forbidden or optional).</summary>
public enum PolicyKind
{
    Identity,
    Resource,
    Trust,
}

public enum Effect
{
    Allow,
    Deny,
}

/// <summary>
/// A parsed, normalised policy. Statements that could not be read are left out and explained in
/// <see cref="Diagnostics"/>; the rest is usable, so one bad statement never hides the others.
/// </summary>
public sealed record PolicyDocument(
    string Name,
    PolicyKind Kind,
    string? Version,
    string? Id,
    ImmutableArray<Statement> Statements,
    ImmutableArray<PolicyDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Policy variables are only substituted in Version 2012-10-17 documents.</summary>
    public bool VariablesEnabled => Version == "2012-10-17";
}
