using ImAudit.Engine.Catalog;
using System.Collections.Frozen;
using ImAudit.Engine.Matching;

namespace ImAudit.Engine.Rules.Sharing;

/// <summary>
/// The Incident Manager resource a resource policy protects, read from its ARN: a response plan
/// (<c>arn:aws:ssm-incidents::111122223333:response-plan/Name</c>) or a contact
/// (<c>arn:aws:ssm-contacts:us-east-1:111122223333:contact/alias</c>), with what RAM shares for it.
/// </summary>
internal sealed record SharedResource(string Arn, string Type, string Account, string Name, IReadOnlySet<string> Shareable)
{
    private static readonly Lazy<FrozenDictionary<string, FrozenSet<string>>> ShareableSets = new(LoadShareable);

    public static SharedResource? From(string? arn)
    {
        if (Engine.Arn.Parse(arn) is not { } parsed)
            return null;
        var type = parsed.ResourceType;
        return IncidentManager.ShareableOf(parsed.Service, type) is not null
            ? new SharedResource(arn!, type, parsed.Account, parsed.Resource[(type.Length + 1)..], ShareableSets.Value[type])
            : null;
    }

    /// <summary>For a policy without a known resource: the type its actions point at.</summary>
    public static IReadOnlySet<string>? ShareableFor(string type) => ShareableSets.Value.GetValueOrDefault(type);

    /// <summary>What the policy may name besides the resource itself: a plan's incident records, a contact's engagements and pages.</summary>
    public IReadOnlyList<Glob> Children => [.. Kind.Children.Select(child => Child(Kind.Service, child))];

    /// <summary>The resource's type as Incident Manager shares it: its service and the resources its sharing reaches.</summary>
    public ShareableType Kind => IncidentManager.Shareable.First(s => s.Type == Type);

    private Glob Child(string service, string type) =>
        Glob.Compile([GlobPiece.Pattern("arn:*:"), GlobPiece.Exact(service), GlobPiece.Pattern(":*:"), GlobPiece.Exact($"{Account}:{type}/{Name}/"), GlobPiece.Pattern("*")], GlobOptions.ArnSegments);

    private static FrozenDictionary<string, FrozenSet<string>> LoadShareable() =>
        EmbeddedData.Rows("ImAudit.Engine.rules.ram-shareable.tsv")
            .ToFrozenDictionary(f => f[0], f => f[1].Split(',').ToFrozenSet(StringComparer.OrdinalIgnoreCase), StringComparer.Ordinal);
}
