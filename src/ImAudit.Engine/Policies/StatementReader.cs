using System.Collections.Immutable;
using ImAudit.Engine.Json;
using ImAudit.Engine.Matching;

namespace ImAudit.Engine.Policies;

/// <summary>
/// Reads one statement. A statement whose meaning cannot be known (no valid <c>Effect</c>, no valid action
/// element) is reported and left out; smaller faults are reported and the statement is kept without the bad entry.
/// </summary>
internal static class StatementReader
{
    private static readonly HashSet<string> Elements =
        ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    public static Statement? Read(JsonNode node, int index, string pointer, ParseContext context)
    {
        var location = context.At(pointer, node);
        if (node.Kind != JsonKind.Object)
        {
            context.Error(DiagnosticCodes.WrongType, $"a statement is an object, not {node.KindName}", location);
            return null;
        }
        var members = new Dictionary<string, JsonMember>(StringComparer.Ordinal);
        foreach (var member in node.Members)
        {
            if (Elements.Contains(member.Name))
                members.TryAdd(member.Name, member);
            else
                context.Error(DiagnosticCodes.UnknownElement, $"`{MessageText.Inline(member.Name)}` is not a statement element", context.At(JsonPointer.Append(pointer, member.Name), member.NameOffset));
        }
        string? sid = null;
        if (members.TryGetValue("Sid", out var sidMember))
        {
            if (sidMember.Value.Kind == JsonKind.String)
                sid = sidMember.Value.Text;
            else
                context.Error(DiagnosticCodes.WrongType, $"`Sid` must be a string, not {sidMember.Value.KindName}", context.At(pointer + "/Sid", sidMember.Value));
        }
        var effect = ReadEffect(members, pointer, location, context);
        var actions = ReadActions(members, pointer, location, context);
        var resources = ReadResources(members, pointer, location, context);
        var principal = PrincipalReader.Read(members, pointer, location, context);
        var conditions = ConditionReader.Read(members, pointer, context);
        if (effect is null || actions is null)
            return null;
        return new Statement(index, sid, effect.Value, actions, resources, principal, conditions, location);
    }

    private static Effect? ReadEffect(Dictionary<string, JsonMember> members, string pointer, SourceLocation location, ParseContext context)
    {
        if (!members.TryGetValue("Effect", out var member))
        {
            context.Error(DiagnosticCodes.MissingEffect, "statement has no `Effect`", location);
            return null;
        }
        switch (member.Value.Text)
        {
            case "Allow" when member.Value.Kind == JsonKind.String:
                return Effect.Allow;
            case "Deny" when member.Value.Kind == JsonKind.String:
                return Effect.Deny;
            default:
                context.Error(DiagnosticCodes.BadEffect, $"`Effect` must be `Allow` or `Deny`, not `{MessageText.Inline(member.Value.Text ?? member.Value.KindName)}`", context.At(pointer + "/Effect", member.Value));
                return null;
        }
    }

    private static ActionElement? ReadActions(Dictionary<string, JsonMember> members, string pointer, SourceLocation location, ParseContext context)
    {
        var hasAction = members.TryGetValue("Action", out var action);
        var hasNot = members.TryGetValue("NotAction", out var notAction);
        if (hasAction && hasNot)
        {
            context.Error(DiagnosticCodes.ActionAndNotAction, "statement has both `Action` and `NotAction`", location);
            return null;
        }
        if (!hasAction && !hasNot)
        {
            context.Error(DiagnosticCodes.MissingAction, "statement has neither `Action` nor `NotAction`", location);
            return null;
        }
        var name = hasNot ? "NotAction" : "Action";
        var node = hasNot ? notAction.Value : action.Value;
        var entries = ImmutableArray.CreateBuilder<ActionEntry>();
        foreach (var (value, itemPointer, item) in context.Strings(node, pointer + "/" + name, name))
        {
            var trimmed = value.Trim();
            if (trimmed.Length != value.Length && trimmed.Length > 0)
                context.Warning(DiagnosticCodes.ActionWhitespace, $"`{MessageText.Inline(value)}` has white space around it; read as `{MessageText.Inline(trimmed)}`", context.At(itemPointer, item));
            var parsed = context.Patterns.Action(trimmed.Length > 0 ? trimmed : value, out var error);
            if (parsed is null)
                context.Error(DiagnosticCodes.BadAction, error!, context.At(itemPointer, item));
            else
                entries.Add(new ActionEntry(parsed, context.At(itemPointer, item)));
        }
        return entries.Count == 0 ? null : new ActionElement(hasNot, entries.ToImmutable());
    }

    private static ResourceElement? ReadResources(Dictionary<string, JsonMember> members, string pointer, SourceLocation location, ParseContext context)
    {
        var hasResource = members.TryGetValue("Resource", out var resource);
        var hasNot = members.TryGetValue("NotResource", out var notResource);
        if (hasResource && hasNot)
        {
            context.Error(DiagnosticCodes.ResourceAndNotResource, "statement has both `Resource` and `NotResource`", location);
            return null;
        }
        if (!hasResource && !hasNot)
        {
            if (context.Kind != PolicyKind.Trust)
                context.Error(DiagnosticCodes.MissingResource, "statement has neither `Resource` nor `NotResource`", location);
            return null;
        }
        var name = hasNot ? "NotResource" : "Resource";
        var node = hasNot ? notResource.Value : resource.Value;
        var entries = ImmutableArray.CreateBuilder<ResourceEntry>();
        foreach (var (value, itemPointer, item) in context.Strings(node, pointer + "/" + name, name))
        {
            if (value == "*" || value.StartsWith("arn:", StringComparison.Ordinal))
                entries.Add(new ResourceEntry(context.Patterns.Resource(value, context.VariablesEnabled), context.At(itemPointer, item)));
            else
                context.Error(DiagnosticCodes.BadResource, $"`{MessageText.Inline(value)}` is neither an ARN nor `*`", context.At(itemPointer, item));
        }
        return new ResourceElement(hasNot, entries.ToImmutable());
    }
}
