using System.Collections.Immutable;
using ImAudit.Engine.Matching;

namespace ImAudit.Engine.Policies;

public sealed record ActionEntry(ActionPattern Pattern, SourceLocation Location)
{
    public string Text => Pattern.Text;
}

public sealed record ResourceEntry(ResourcePattern Pattern, SourceLocation Location)
{
    public string Text => Pattern.Text;
}

/// <summary><c>Action</c> or <c>NotAction</c> (when <see cref="IsNot"/>).</summary>
public sealed record ActionElement(bool IsNot, ImmutableArray<ActionEntry> Entries);

/// <summary><c>Resource</c> or <c>NotResource</c> (when <see cref="IsNot"/>).</summary>
public sealed record ResourceElement(bool IsNot, ImmutableArray<ResourceEntry> Entries);

public sealed record Statement(
    int Index,
    string? Sid,
    Effect Effect,
    ActionElement Actions,
    ResourceElement? Resources,
    PrincipalElement? Principal,
    ImmutableArray<ConditionClause> Conditions,
    SourceLocation Location)
{
    public bool IsConditional => !Conditions.IsEmpty;

    /// <summary>"statement 2 (Sid `Read`)" — how messages name a statement.</summary>
    public string Label => Sid is null ? $"statement {Index}" : $"statement {Index} (Sid `{MessageText.Inline(Sid)}`)";
}
