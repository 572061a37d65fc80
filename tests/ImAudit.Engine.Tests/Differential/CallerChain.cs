using System.Text.Json.Nodes;

namespace ImAudit.Engine.Tests.Differential;

/// <summary>
/// The links a policy may name to mean the caller: its account, its role (for a role session, or a role as the
/// caller), and itself (the session or the user). AWS's NotPrincipal page asks for all of them in a NotPrincipal
/// Deny. A role given as the caller stands for some session of it, a link no policy can name for sure.
/// </summary>
internal sealed record CallerChain(string Account, string? Role, string? Self, string? RoleName)
{
    public static CallerChain? Of(DifferentialCase c)
    {
        var parts = c.Principal.Split(':');
        if (parts.Length < 6)
            return null;
        var principalArn = c.Context.FirstOrDefault(kv => string.Equals(kv.Key, "aws:PrincipalArn", StringComparison.OrdinalIgnoreCase)).Value;
        return parts[5] switch
        {
            var r when r.StartsWith("assumed-role/", StringComparison.Ordinal) => new(parts[4], principalArn, c.Principal, r.Split('/')[1]),
            var r when r.StartsWith("role/", StringComparison.Ordinal) => new(parts[4], c.Principal, null, r[(r.LastIndexOf('/') + 1)..]),
            _ => new(parts[4], null, c.Principal, null),
        };
    }

    public bool IsRole => Role is not null && Self is null;

    private string Root => $"arn:aws:iam::{Account}:root";

    private int Links => Role is null ? 2 : 3;

    /// <summary>The resource policy's NotPrincipal Deny statements, each with the links of this chain it lists.</summary>
    public IEnumerable<(int Index, IReadOnlyList<string> Listed)> NotPrincipalDenies(string? resourcePolicy)
    {
        if (resourcePolicy is null)
            yield break;
        var statements = JsonNode.Parse(resourcePolicy)!["Statement"]!.AsArray();
        for (var i = 0; i < statements.Count; i++)
        {
            if (statements[i]!["Effect"]?.GetValue<string>() == "Deny" && (statements[i]!["NotPrincipal"] as JsonObject)?["AWS"] is { } aws)
                yield return (i, Listed(aws));
        }
    }

    public bool ListsPart(IReadOnlyList<string> listed) => listed.Count > 0 && listed.Count < Links;

    public bool ListsOnlyTheAccount(IReadOnlyList<string> listed) => listed is [var only] && only == Root;

    /// <summary>A session ARN of this chain's role, for a role given as the caller (which of its sessions is unknown).</summary>
    public bool IsSessionOfTheRole(string arn) =>
        IsRole && arn.StartsWith($"arn:aws:sts::{Account}:assumed-role/{RoleName}/", StringComparison.Ordinal);

    private List<string> Listed(JsonNode aws)
    {
        var values = (aws is JsonArray a ? a.Select(v => v!.GetValue<string>()) : [aws.GetValue<string>()])
            .Select(v => v.Length == 12 && v.All(char.IsAsciiDigit) ? $"arn:aws:iam::{v}:root" : v).ToHashSet();
        return [.. new[] { Root, Role, Self }.OfType<string>().Where(values.Contains)];
    }
}
