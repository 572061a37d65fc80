using System.Collections.Immutable;

namespace ImAudit.Engine.Policies;

/// <summary>What a policy is attached to decides its grammar (Principal required, forbidden or optional).</summary>
public enum PolicyKind
{
    Identity,
    Resource,
    Trust,
}

internal enum Effect
{
    Allow,
    Deny,
}

/// <summary>
/// A parsed, normalised policy. Statements that could not be read are left out and explained in
/// <see cref="Diagnostics"/>; the rest is usable, so one bad statement never hides the others.
/// </summary>
public sealed record PolicyDocument
{
    internal PolicyDocument(string name, PolicyKind kind, string? version, string? id, ImmutableArray<Statement> statements, ImmutableArray<PolicyDiagnostic> diagnostics)
    {
        Name = name;
        Kind = kind;
        Version = version;
        Id = id;
        Statements = statements;
        Diagnostics = diagnostics;
    }

    public string Name { get; init; }

    public PolicyKind Kind { get; init; }

    public string? Version { get; init; }

    public string? Id { get; init; }

    /// <summary>The statements read; the engine's own (the CLI and the function see a policy through the engine's answers).</summary>
    internal ImmutableArray<Statement> Statements { get; init; }

    public ImmutableArray<PolicyDiagnostic> Diagnostics { get; init; }

    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Policy variables are only substituted in Version 2012-10-17 documents.</summary>
    public bool VariablesEnabled => Version == "2012-10-17";
}
