using System.Text.Json.Nodes;

namespace ImAudit.Engine.Tests.Differential;

/// <summary>
/// What a policy may name to mean the caller: its account, its role (for a role or a role session), and
/// itself (the session or the user). AWS's NotPrincipal page asks for all of them in a NotPrincipal Deny.
/// </summary>
internal sealed record CallerChain(string Account, string? Role, string? Self)
{
    public static CallerChain? Of(DifferentialCase c)
    {
        var parts = c.Principal.Split(':');
        if (parts.Length < 6)
            return null;
        var principalArn = c.Context.FirstOrDefault(kv => string.Equals(kv.Key, "aws:PrincipalArn", StringComparison.OrdinalIgnoreCase)).Value;
        return parts[5] switch
        {
            var r when r.StartsWith("assumed-role/", StringComparison.Ordinal) => new(parts[4], principalArn, c.Principal),
            var r when r.StartsWith("role/", StringComparison.Ordinal) => new(parts[4], c.Principal, null),
            _ => new(parts[4], null, c.Principal),
        };
    }

    public IEnumerable<string> Names => new[] { $"arn:aws:iam::{Account}:root", Role, Self }.OfType<string>();

    /// <summary>The NotPrincipal Deny statements of the resource policy that list some, but not all, of this chain.</summary>
    public IEnumerable<JsonObject> PartlyListedIn(string? resourcePolicy)
    {
        if (resourcePolicy is null)
            return [];
        return JsonNode.Parse(resourcePolicy)!["Statement"]!.AsArray().Select(s => s!.AsObject())
            .Where(s => s["Effect"]?.GetValue<string>() == "Deny" && s["NotPrincipal"]?["AWS"] is { } aws && Lists(aws) is var listed
                && listed.Count > 0 && listed.Count < Names.Count());
    }

    private List<string> Lists(JsonNode aws)
    {
        var values = aws is JsonArray a ? a.Select(v => v!.GetValue<string>()) : [aws.GetValue<string>()];
        var normalized = values.Select(v => v.Length == 12 && v.All(char.IsAsciiDigit) ? $"arn:aws:iam::{v}:root" : v).ToHashSet();
        return [.. Names.Where(normalized.Contains)];
    }
}
