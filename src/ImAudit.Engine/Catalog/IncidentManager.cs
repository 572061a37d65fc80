using System.Collections.Immutable;

namespace ImAudit.Engine.Catalog;

/// <summary>
/// The two services Incident Manager is made of, and the resources a resource policy can share in each: said once
/// here for the access computation, the rules and the suggestions (they were written in three places).
/// </summary>
internal static class IncidentManager
{
    public const string Incidents = "ssm-incidents";
    public const string Contacts = "ssm-contacts";

    /// <summary>Both services, in ordinal order: the scope every principal's access is computed over.</summary>
    public static readonly ImmutableArray<string> Services = [Contacts, Incidents];

    /// <summary>
    /// What a resource policy protects: a response plan, whose sharing reaches its incident records, and a contact,
    /// whose sharing reaches its engagements and pages.
    /// </summary>
    public static readonly ImmutableArray<ShareableType> Shareable =
    [
        new("response-plan", Incidents, ["incident-record"]),
        new("contact", Contacts, ["engagement", "page"]),
    ];

    /// <summary>True for either service's prefix, in any case (IAM prefixes compare case-insensitively).</summary>
    public static bool IsService(string prefix) =>
        prefix.Equals(Incidents, StringComparison.OrdinalIgnoreCase) || prefix.Equals(Contacts, StringComparison.OrdinalIgnoreCase);

    public static ShareableType? ShareableOf(string service, string type) => Shareable.FirstOrDefault(s => s.Service == service && s.Type == type);
}

/// <summary>A resource type a resource policy can share (<see cref="IncidentManager.Shareable"/>).</summary>
internal sealed record ShareableType(string Type, string Service, ImmutableArray<string> Children);
