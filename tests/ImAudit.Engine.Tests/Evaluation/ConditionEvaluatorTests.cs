using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Tests.Evaluation;

public class ConditionEvaluatorTests
{
    private static Tristate Evaluate(string op, string key, string[] policyValues, string[]? requestValues, bool absent = false)
    {
        var values = string.Join(",", policyValues.Select(v => $"\"{v}\""));
        var json = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"OP":{"KEY":[VALUES]}}}}"""
            .Replace("OP", op, StringComparison.Ordinal).Replace("KEY", key, StringComparison.Ordinal).Replace("VALUES", values, StringComparison.Ordinal);
        var document = PolicyParser.Parse(json, PolicyKind.Identity);
        Assert.False(document.HasErrors, string.Join("; ", document.Diagnostics.Select(d => d.Message)));
        var context = new RequestContext("s3:GetObject", "*",
            (requestValues ?? []).Select(v => new KeyValuePair<string, string>(key, v)), absent ? [key] : null);
        return ConditionEvaluator.EvaluateAll(document.Statements[0].Conditions, context.AsLookup(), true);
    }

    [Theory]
    // Key absent from the request: false, except IfExists, Null:true, ForAllValues and the negated operators.
    [InlineData("StringEquals", Tristate.False)]
    [InlineData("StringEqualsIfExists", Tristate.True)]
    [InlineData("StringNotEquals", Tristate.True)]
    [InlineData("StringNotLike", Tristate.True)]
    [InlineData("ArnNotLike", Tristate.True)]
    [InlineData("ForAllValues:StringEquals", Tristate.True)]
    [InlineData("ForAnyValue:StringEquals", Tristate.False)]
    [InlineData("ForAnyValue:StringNotEquals", Tristate.False)]
    [InlineData("NumericLessThan", Tristate.False)]
    [InlineData("Bool", Tristate.False)]
    public void Absent_keys_follow_iam(string op, object expected) =>
        Assert.Equal((Tristate)expected, Evaluate(op, "aws:ResourceTag/team", ["1"], null, absent: true));

    [Theory]
    [InlineData("true", Tristate.True)]
    [InlineData("false", Tristate.False)]
    public void Null_checks_absence(string value, object whenAbsent)
    {
        Assert.Equal((Tristate)whenAbsent, Evaluate("Null", "aws:ResourceTag/team", [value], null, absent: true));
        Assert.Equal(((Tristate)whenAbsent).Not(), Evaluate("Null", "aws:ResourceTag/team", [value], ["x"]));
    }

    [Fact]
    public void A_key_the_context_does_not_mention_is_unknown()
    {
        Assert.Equal(Tristate.Unknown, Evaluate("StringEquals", "aws:PrincipalOrgID", ["o-1"], null));
        Assert.Equal(Tristate.Unknown, Evaluate("Null", "aws:PrincipalOrgID", ["true"], null));
    }

    [Theory]
    [InlineData("StringEquals", new[] { "Team" }, "team", Tristate.False)]
    [InlineData("StringEqualsIgnoreCase", new[] { "Team" }, "team", Tristate.True)]
    [InlineData("StringLike", new[] { "te?m*" }, "teamA", Tristate.True)]
    [InlineData("StringNotLike", new[] { "te?m*" }, "teamA", Tristate.False)]
    [InlineData("StringEquals", new[] { "a", "b" }, "b", Tristate.True)]
    [InlineData("StringNotEquals", new[] { "a", "b" }, "c", Tristate.True)]
    [InlineData("NumericLessThan", new[] { "10" }, "9.5", Tristate.True)]
    [InlineData("NumericGreaterThanEquals", new[] { "10" }, "9.5", Tristate.False)]
    [InlineData("NumericNotEquals", new[] { "10" }, "10.0", Tristate.False)]
    [InlineData("DateLessThan", new[] { "2026-01-01T00:00:00Z" }, "2025-12-31T23:59:59Z", Tristate.True)]
    [InlineData("DateGreaterThan", new[] { "2026-01-01T00:00:00Z" }, "1767225601", Tristate.True)]
    [InlineData("Bool", new[] { "true" }, "TRUE", Tristate.True)]
    [InlineData("BinaryEquals", new[] { "QmluYXJ5" }, "QmluYXJ5", Tristate.True)]
    [InlineData("IpAddress", new[] { "203.0.113.0/24" }, "203.0.113.77", Tristate.True)]
    [InlineData("IpAddress", new[] { "203.0.113.7/24" }, "203.0.113.200", Tristate.True)]
    [InlineData("IpAddress", new[] { "203.0.113.0/24" }, "203.0.114.1", Tristate.False)]
    [InlineData("NotIpAddress", new[] { "203.0.113.0/24" }, "198.51.100.1", Tristate.True)]
    [InlineData("IpAddress", new[] { "2001:db8::/32" }, "2001:db8:1::1", Tristate.True)]
    [InlineData("IpAddress", new[] { "203.0.113.9" }, "203.0.113.9", Tristate.True)]
    [InlineData("ArnLike", new[] { "arn:aws:iam::*:role/ops-*" }, "arn:aws:iam::111122223333:role/ops-oncall", Tristate.True)]
    [InlineData("ArnEquals", new[] { "arn:aws:iam::*:role/ops-*" }, "arn:aws:iam::111122223333:role/dev", Tristate.False)]
    [InlineData("ArnNotLike", new[] { "arn:aws:iam::*:role/ops-*" }, "arn:aws:iam::111122223333:role/dev", Tristate.True)]
    public void Evaluates_each_operator_family(string op, string[] policyValues, string requestValue, object expected) =>
        Assert.Equal((Tristate)expected, Evaluate(op, "aws:Key", policyValues, [requestValue]));

    [Theory]
    [InlineData("ForAllValues:StringEquals", new[] { "a", "b" }, new[] { "a" }, Tristate.True)]
    [InlineData("ForAllValues:StringEquals", new[] { "a", "b" }, new[] { "a", "c" }, Tristate.False)]
    [InlineData("ForAnyValue:StringEquals", new[] { "a", "b" }, new[] { "c", "b" }, Tristate.True)]
    [InlineData("ForAnyValue:StringEquals", new[] { "a", "b" }, new[] { "c", "d" }, Tristate.False)]
    [InlineData("ForAllValues:StringNotEquals", new[] { "a" }, new[] { "b", "c" }, Tristate.True)]
    [InlineData("ForAllValues:StringNotEquals", new[] { "a" }, new[] { "a", "c" }, Tristate.False)]
    [InlineData("ForAnyValue:StringNotEquals", new[] { "a" }, new[] { "a", "c" }, Tristate.True)]
    [InlineData("StringNotEquals", new[] { "a" }, new[] { "a", "c" }, Tristate.False)]
    public void Set_operators_quantify_over_request_values(string op, string[] policyValues, string[] requestValues, object expected) =>
        Assert.Equal((Tristate)expected, Evaluate(op, "aws:TagKeys", policyValues, requestValues));

    [Fact]
    public void Policy_variables_in_condition_values_use_the_context()
    {
        var json = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/owner":"${aws:username}"}}}}""";
        var conditions = PolicyParser.Parse(json, PolicyKind.Identity).Statements[0].Conditions;

        Tristate With(params (string, string)[] values) => ConditionEvaluator.EvaluateAll(conditions,
            new RequestContext("a:b", "*", values.Select(v => new KeyValuePair<string, string>(v.Item1, v.Item2))).AsLookup(), true);

        Assert.Equal(Tristate.True, With(("aws:ResourceTag/owner", "alice"), ("aws:username", "alice")));
        Assert.Equal(Tristate.False, With(("aws:ResourceTag/owner", "alice"), ("aws:username", "bob")));
        Assert.Equal(Tristate.Unknown, With(("aws:ResourceTag/owner", "alice")));
    }
}
