using System.Collections.Immutable;

namespace ImAudit.Engine.Policies;

/// <summary>One principal named in a policy: its type (<c>AWS</c>, <c>Service</c>, <c>Federated</c>, <c>CanonicalUser</c>, or <c>*</c>) and value.</summary>
internal sealed record PrincipalEntry(string Type, string Value, SourceLocation Location)
{
    public bool IsWildcard => Value == "*";

    /// <summary>An AWS principal as an ARN: a bare account id means that account's root.</summary>
    public string NormalizedValue =>
        Type == "AWS" && Value.Length == 12 && Value.All(char.IsAsciiDigit) ? $"arn:aws:iam::{Value}:root" : Value;

    /// <summary>The account an AWS principal belongs to, or null (service, federated, wildcard).</summary>
    public string? AccountId
    {
        get
        {
            if (Type != "AWS" || IsWildcard)
                return null;
            return Arn.Parse(NormalizedValue)?.Account;
        }
    }
}

/// <summary><c>Principal</c> or <c>NotPrincipal</c>. <c>"Principal": "*"</c> is one entry of type <c>*</c>.</summary>
internal sealed record PrincipalElement(bool IsNot, ImmutableArray<PrincipalEntry> Entries, SourceLocation Location)
{
    public bool IsEveryone => Entries.Any(e => e.IsWildcard && e.Type is "*" or "AWS");
}
