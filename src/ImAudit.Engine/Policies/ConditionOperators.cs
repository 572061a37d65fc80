namespace ImAudit.Engine.Policies;

/// <summary>Parses condition operator names: <c>[ForAllValues:|ForAnyValue:]Base[IfExists]</c>.</summary>
internal static class ConditionOperators
{
    private static readonly Dictionary<string, (ConditionFamily Family, bool Negated, bool Like, bool IgnoreCase)> Bases =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["StringEquals"] = (ConditionFamily.String, false, false, false),
            ["StringNotEquals"] = (ConditionFamily.String, true, false, false),
            ["StringEqualsIgnoreCase"] = (ConditionFamily.String, false, false, true),
            ["StringNotEqualsIgnoreCase"] = (ConditionFamily.String, true, false, true),
            ["StringLike"] = (ConditionFamily.String, false, true, false),
            ["StringNotLike"] = (ConditionFamily.String, true, true, false),
            ["NumericEquals"] = (ConditionFamily.Numeric, false, false, false),
            ["NumericNotEquals"] = (ConditionFamily.Numeric, true, false, false),
            ["NumericLessThan"] = (ConditionFamily.Numeric, false, false, false),
            ["NumericLessThanEquals"] = (ConditionFamily.Numeric, false, false, false),
            ["NumericGreaterThan"] = (ConditionFamily.Numeric, false, false, false),
            ["NumericGreaterThanEquals"] = (ConditionFamily.Numeric, false, false, false),
            ["DateEquals"] = (ConditionFamily.Date, false, false, false),
            ["DateNotEquals"] = (ConditionFamily.Date, true, false, false),
            ["DateLessThan"] = (ConditionFamily.Date, false, false, false),
            ["DateLessThanEquals"] = (ConditionFamily.Date, false, false, false),
            ["DateGreaterThan"] = (ConditionFamily.Date, false, false, false),
            ["DateGreaterThanEquals"] = (ConditionFamily.Date, false, false, false),
            ["Bool"] = (ConditionFamily.Bool, false, false, false),
            ["BinaryEquals"] = (ConditionFamily.Binary, false, false, false),
            ["IpAddress"] = (ConditionFamily.IpAddress, false, false, false),
            ["NotIpAddress"] = (ConditionFamily.IpAddress, true, false, false),
            ["ArnEquals"] = (ConditionFamily.Arn, false, true, false),
            ["ArnLike"] = (ConditionFamily.Arn, false, true, false),
            ["ArnNotEquals"] = (ConditionFamily.Arn, true, true, false),
            ["ArnNotLike"] = (ConditionFamily.Arn, true, true, false),
            ["Null"] = (ConditionFamily.Null, false, false, false),
        };

    public static ConditionOperator? TryParse(string text)
    {
        var rest = text;
        var qualifier = SetQualifier.None;
        if (rest.StartsWith("ForAllValues:", StringComparison.OrdinalIgnoreCase))
        {
            qualifier = SetQualifier.ForAllValues;
            rest = rest["ForAllValues:".Length..];
        }
        else if (rest.StartsWith("ForAnyValue:", StringComparison.OrdinalIgnoreCase))
        {
            qualifier = SetQualifier.ForAnyValue;
            rest = rest["ForAnyValue:".Length..];
        }
        var ifExists = rest.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase);
        if (ifExists)
            rest = rest[..^"IfExists".Length];
        if (!Bases.TryGetValue(rest, out var info) || (ifExists && info.Family == ConditionFamily.Null))
            return null;
        var canonical = Bases.Keys.First(k => k.Equals(rest, StringComparison.OrdinalIgnoreCase));
        return new ConditionOperator(text, canonical, info.Family, info.Negated, info.Like, info.IgnoreCase, qualifier, ifExists);
    }
}
