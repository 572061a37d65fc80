using System.Collections.Immutable;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Matching;

namespace ImAudit.Engine.Access;

/// <summary>The statement a grant comes from.</summary>
internal sealed record GrantSource(string Policy, int Statement, string? Sid);

/// <summary>
/// One resource scope an action is granted on: a pattern, minus <see cref="Except"/> (from <c>NotResource</c>),
/// <see cref="Conditional"/> when the granting statement has conditions.
/// </summary>
internal sealed record ResourceGrant
{
    internal ResourceGrant(ResourcePattern pattern, ImmutableArray<ResourcePattern> except, bool conditional, ImmutableArray<GrantSource> sources)
    {
        Pattern = pattern;
        Except = except;
        Conditional = conditional;
        Sources = sources;
    }

    internal ResourcePattern Pattern { get; init; }

    internal ImmutableArray<ResourcePattern> Except { get; init; }

    public bool Conditional { get; init; }

    public ImmutableArray<GrantSource> Sources { get; init; }

    /// <summary>What the grant reaches: its pattern and exceptions (equal scopes reach the same resources).</summary>
    internal string ScopeKey => Except.IsEmpty ? Pattern.Text : Pattern.Text + "|" + string.Join(",", Except.Select(e => e.Text));

    internal string Key => Pattern.Text + "|" + string.Join(",", Except.Select(e => e.Text)) + "|" + Conditional;

    public string Display => Except.IsEmpty ? Pattern.Text : $"{Pattern.Text} except {string.Join(", ", Except.Select(e => e.Text))}";
}

internal sealed record ActionAccess(ActionInfo Action, ImmutableArray<ResourceGrant> Grants)
{
    public bool IsConditional => Grants.All(g => g.Conditional);
}

/// <summary>The exact set of actions (in scope, in full-name order) a principal is allowed, each with the resources it applies to.</summary>
internal sealed record EffectiveAccess(ImmutableArray<string> Services, ImmutableArray<ActionAccess> Actions)
{
    /// <summary>The access to one action (names compare case-insensitively); actions are in full-name order.</summary>
    public ActionAccess? Find(string fullName)
    {
        if (FullNameOrder.IndexOf(Actions.AsSpan(), static a => a.Action.FullName, fullName) is >= 0 and var index)
            return Actions[index];
        // Written in another case: rare (callers name actions as the catalogue does), so a plain search.
        foreach (var action in Actions)
        {
            if (string.Equals(action.Action.FullName, fullName, StringComparison.OrdinalIgnoreCase))
                return action;
        }
        return null;
    }

    /// <summary>The grants of an action that reach a resource (its pattern matches, no exception does).</summary>
    public IEnumerable<ResourceGrant> GrantsOn(string fullName, string arn) =>
        Find(fullName)?.Grants.Where(g => Reaches(g, arn)) ?? [];

    /// <summary>The grant may apply to the resource: its pattern may match and no exception surely does.</summary>
    internal static bool Reaches(ResourceGrant grant, string arn) =>
        grant.Pattern.Matches(arn) != Matching.Tristate.False && !grant.Except.Any(e => e.Matches(arn) == Matching.Tristate.True);

    public bool IsEmpty => Actions.IsEmpty;
}
