using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Answers;

/// <summary>
/// One request to simulate and the policies in force for it: the caller's identity policies and permissions boundary
/// (of the caller's account) and the resource's policy (of the account in the resource's ARN). <see cref="Context"/>
/// holds the condition keys the request sends (a key given twice has two values), <see cref="Absent"/> the keys it
/// does not send; any other key is unknown, and a statement that depends on it applies conditionally.
/// </summary>
public sealed record SimulationRequest(string Action, string Resource)
{
    public IReadOnlyList<PolicyDocument> Identity { get; init; } = [];

    /// <summary>The principal's permissions boundary; empty when it has none.</summary>
    public IReadOnlyList<PolicyDocument> Boundary { get; init; } = [];

    public PolicyDocument? ResourcePolicy { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Context { get; init; } = [];

    public IReadOnlyList<string> Absent { get; init; } = [];

    /// <summary>The caller's ARN (or service principal), which a resource policy's <c>Principal</c> is matched against.</summary>
    public string? Principal { get; init; }

    /// <summary>Whether <paramref name="text"/> names a caller: an IAM user, role or role-session ARN, a federated user, an account's root, or a service principal.</summary>
    public static bool IsPrincipal(string text) => Caller.Parse(text) is not null;

    internal PolicySet Policies => new(Identity, Boundary.Count > 0 ? Boundary : null, ResourcePolicy);

    internal RequestContext Request(IReadOnlyCollection<string> unsent) => unsent.Count == 0
        ? new RequestContext(Action, Resource, Context, Absent, Principal)
        : new RequestContext(Action, Resource, Context.Where(kv => !unsent.Contains(kv.Key, StringComparer.OrdinalIgnoreCase)), [.. Absent, .. unsent], Principal);
}
