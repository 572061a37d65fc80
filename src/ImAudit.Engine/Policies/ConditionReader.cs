using System.Collections.Immutable;
using ImAudit.Engine.Json;

namespace ImAudit.Engine.Policies;

/// <summary>Reads <c>Condition</c>: operator → key → value or values (strings, numbers and booleans).</summary>
internal static class ConditionReader
{
    public static ImmutableArray<ConditionClause> Read(Dictionary<string, JsonMember> members, string pointer, ParseContext context)
    {
        if (!members.TryGetValue("Condition", out var condition))
            return [];
        var conditionPointer = pointer + "/Condition";
        if (condition.Value.Kind != JsonKind.Object)
        {
            context.Error(DiagnosticCodes.WrongType, $"`Condition` must be an object, not {condition.Value.KindName}", context.At(conditionPointer, condition.Value));
            return [];
        }
        var clauses = ImmutableArray.CreateBuilder<ConditionClause>();
        foreach (var op in condition.Value.Members)
        {
            var opPointer = JsonPointer.Append(conditionPointer, op.Name);
            var parsed = ConditionOperators.TryParse(op.Name);
            if (parsed is null)
            {
                context.Error(DiagnosticCodes.UnknownConditionOperator, $"`{MessageText.Inline(op.Name)}` is not a condition operator", context.At(opPointer, op.NameOffset));
                continue;
            }
            if (op.Value.Kind != JsonKind.Object)
            {
                context.Error(DiagnosticCodes.WrongType, $"`{MessageText.Inline(op.Name)}` must map condition keys to values, not be {op.Value.KindName}", context.At(opPointer, op.Value));
                continue;
            }
            foreach (var key in op.Value.Members)
            {
                var keyPointer = JsonPointer.Append(opPointer, key.Name);
                if (Values(key.Value, keyPointer, context) is not { } values)
                    continue;
                if (parsed.Family == ConditionFamily.Null && values.Any(v => v is not ("true" or "false")))
                    context.Error(DiagnosticCodes.BadCondition, $"`Null` takes `true` or `false`, not `{MessageText.Inline(values.First(v => v is not ("true" or "false")))}`", context.At(keyPointer, key.Value));
                clauses.Add(new ConditionClause(parsed, key.Name, values, context.At(keyPointer, key.NameOffset)));
            }
        }
        return clauses.ToImmutable();
    }

    private static ImmutableArray<string>? Values(JsonNode node, string pointer, ParseContext context)
    {
        if (node.ScalarText is { } single)
            return [single];
        if (node.Kind != JsonKind.Array)
        {
            context.Error(DiagnosticCodes.WrongType, $"condition values must be strings, numbers or booleans, not {node.KindName}", context.At(pointer, node));
            return null;
        }
        if (node.Items.Count == 0)
        {
            context.Error(DiagnosticCodes.EmptyValue, "condition has an empty list of values", context.At(pointer, node));
            return null;
        }
        var values = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < node.Items.Count; i++)
        {
            if (node.Items[i].ScalarText is { } text)
                values.Add(text);
            else
                context.Error(DiagnosticCodes.WrongType, $"condition values must be strings, numbers or booleans, not {node.Items[i].KindName}", context.At(JsonPointer.Append(pointer, i), node.Items[i]));
        }
        return values.Count == 0 ? null : values.ToImmutable();
    }
}
