using System.Collections.Immutable;
using ImAudit.Engine.Matching;

namespace ImAudit.Engine.Policies;

internal sealed record ActionEntry(ActionPattern Pattern, SourceLocation Location)
{
    public string Text => Pattern.Text;
}

internal sealed record ResourceEntry(ResourcePattern Pattern, SourceLocation Location)
{
    public string Text => Pattern.Text;
}

/// <summary><c>Action</c> or <c>NotAction</c> (when <see cref="IsNot"/>).</summary>
internal sealed record ActionElement(bool IsNot, ImmutableArray<ActionEntry> Entries);

/// <summary><c>Resource</c> or <c>NotResource</c> (when <see cref="IsNot"/>).</summary>
internal sealed record ResourceElement(bool IsNot, ImmutableArray<ResourceEntry> Entries);

internal sealed record Statement(
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
