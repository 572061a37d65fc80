using System.Collections.Immutable;
using ImAudit.Engine.Json;

namespace ImAudit.Engine.Policies;

/// <summary>Reads <c>Principal</c> / <c>NotPrincipal</c> in every shape IAM accepts.</summary>
internal static class PrincipalReader
{
    private static readonly HashSet<string> Types = ["AWS", "Service", "Federated", "CanonicalUser"];

    public static PrincipalElement? Read(Dictionary<string, JsonMember> members, string pointer, SourceLocation location, ParseContext context)
    {
        var hasPrincipal = members.TryGetValue("Principal", out var principal);
        var hasNot = members.TryGetValue("NotPrincipal", out var notPrincipal);
        if (context.Kind == PolicyKind.Identity)
        {
            if (hasPrincipal || hasNot)
                context.Error(DiagnosticCodes.PrincipalInIdentityPolicy, $"an identity policy cannot name a `{MessageText.Inline((hasPrincipal ? "Principal" : "NotPrincipal"))}`", location);
            return null;
        }
        if (hasPrincipal && hasNot)
        {
            context.Error(DiagnosticCodes.PrincipalAndNotPrincipal, "statement has both `Principal` and `NotPrincipal`", location);
            return null;
        }
        if (!hasPrincipal && !hasNot)
        {
            context.Error(DiagnosticCodes.MissingPrincipal, "statement in a resource or trust policy has no `Principal`", location);
            return null;
        }
        var name = hasNot ? "NotPrincipal" : "Principal";
        var node = hasNot ? notPrincipal.Value : principal.Value;
        var elementPointer = pointer + "/" + name;
        var entries = ImmutableArray.CreateBuilder<PrincipalEntry>();
        if (node.Kind == JsonKind.String)
        {
            if (node.Text == "*")
                entries.Add(new PrincipalEntry("*", "*", context.At(elementPointer, node)));
            else
                context.Error(DiagnosticCodes.BadPrincipal, $"`{MessageText.Inline(name)}` must be `*` or an object such as {{\"AWS\": ...}}, not `{MessageText.Inline(node.Text)}`", context.At(elementPointer, node));
        }
        else if (node.Kind == JsonKind.Object)
        {
            foreach (var member in node.Members)
            {
                var typePointer = elementPointer + "/" + member.Name;
                if (!Types.Contains(member.Name))
                {
                    context.Error(DiagnosticCodes.BadPrincipal, $"`{MessageText.Inline(member.Name)}` is not a principal type (expected `AWS`, `Service`, `Federated` or `CanonicalUser`)", context.At(typePointer, member.NameOffset));
                    continue;
                }
                foreach (var (value, itemPointer, item) in context.Strings(member.Value, typePointer, name))
                    entries.Add(new PrincipalEntry(member.Name, value, context.At(itemPointer, item)));
            }
        }
        else
        {
            context.Error(DiagnosticCodes.WrongType, $"`{MessageText.Inline(name)}` must be `*` or an object, not {node.KindName}", context.At(elementPointer, node));
        }
        return new PrincipalElement(hasNot, entries.ToImmutable(), context.At(elementPointer, node));
    }
}
