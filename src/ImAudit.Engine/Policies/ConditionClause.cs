using System.Collections.Immutable;

namespace ImAudit.Engine.Policies;

internal enum SetQualifier
{
    None,
    ForAllValues,
    ForAnyValue,
}

/// <summary>The condition operator families IAM knows.</summary>
internal enum ConditionFamily
{
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    IpAddress,
    Arn,
    Null,
}

/// <summary>
/// A parsed condition operator such as <c>ForAnyValue:StringNotLikeIfExists</c>: the base operator's family,
/// whether it is negated, whether it matches patterns or ignores case, the set qualifier and <c>IfExists</c>.
/// </summary>
internal sealed record ConditionOperator(
    string Text,
    string BaseName,
    ConditionFamily Family,
    bool Negated,
    bool Like,
    bool IgnoreCase,
    SetQualifier Qualifier,
    bool IfExists);

/// <summary>One key under one operator: <c>"StringEquals": {"aws:PrincipalAccount": ["1", "2"]}</c>.</summary>
internal sealed record ConditionClause(ConditionOperator Operator, string Key, ImmutableArray<string> Values, SourceLocation Location);
