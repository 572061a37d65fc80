using System.Collections.Immutable;

namespace ImAudit.Engine.Catalog;

/// <summary>A resource type an action works on; <see cref="Required"/> is the reference's trailing <c>*</c>.</summary>
internal sealed record ActionResourceType(string Name, bool Required);

internal sealed record ResourceTypeInfo(string Name, ImmutableArray<string> ArnFormats, ImmutableArray<string> ConditionKeys);

/// <summary>One action of the Service Authorization Reference, in the reference's own casing.</summary>
internal sealed record ActionInfo(
    string Service,
    string Name,
    AccessLevel AccessLevel,
    bool PermissionOnly,
    ImmutableArray<ActionResourceType> ResourceTypes,
    ImmutableArray<string> ConditionKeys,
    ImmutableArray<string> DependentActions)
{
    public string FullName { get; } = Service + ":" + Name;

    /// <summary>Actions with no resource type only work with <c>"Resource": "*"</c>.</summary>
    public bool SupportsResourceLevelPermissions => !ResourceTypes.IsEmpty;

    public override string ToString() => FullName;

    // An action is its name: equal names are the same catalogue entry, and hashing one string is what the
    // access calculator's per-action dictionaries need, not hashing every field.
    public bool Equals(ActionInfo? other) => other is not null && string.Equals(FullName, other.FullName, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(FullName);
}

internal sealed class ServiceInfo
{
    private readonly Dictionary<string, ActionInfo> _byName;

    internal ServiceInfo(string prefix, string name, ImmutableArray<ActionInfo> actions,
        ImmutableDictionary<string, ResourceTypeInfo> resourceTypes, ImmutableDictionary<string, string> conditionKeys)
    {
        Prefix = prefix;
        Name = name;
        Actions = actions;
        ResourceTypes = resourceTypes;
        ConditionKeys = conditionKeys;
        _byName = actions.ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);
    }

    public string Prefix { get; }

    public string Name { get; }

    /// <summary>Sorted ordinally by name.</summary>
    public ImmutableArray<ActionInfo> Actions { get; }

    public ImmutableDictionary<string, ResourceTypeInfo> ResourceTypes { get; }

    /// <summary>Condition key → type (String, ArrayOfString, ARN, Bool, …).</summary>
    public ImmutableDictionary<string, string> ConditionKeys { get; }

    public ActionInfo? FindAction(string name) => _byName.GetValueOrDefault(name);
}
