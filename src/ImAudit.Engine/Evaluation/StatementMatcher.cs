using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Evaluation;

/// <summary>Does a statement apply to a request? Action, resource, principal and condition, three-valued.</summary>
internal static class StatementMatcher
{
    public static Tristate Applies(Statement statement, RequestContext request, bool variablesEnabled)
    {
        var action = MatchesAction(statement.Actions, request.Action);
        if (!action)
            return Tristate.False;
        var lookup = request.AsLookup();
        var resource = MatchesResource(statement.Resources, request.Resource, lookup);
        if (resource == Tristate.False)
            return resource;
        var principal = MatchesPrincipal(statement.Principal, request.PrincipalArn);
        if (principal == Tristate.False)
            return principal;
        return resource.And(principal).And(ConditionEvaluator.EvaluateAll(statement.Conditions, lookup, variablesEnabled));
    }

    public static bool MatchesAction(ActionElement element, string action)
    {
        var any = element.Entries.Any(e => e.Pattern.Matches(action));
        return element.IsNot ? !any : any;
    }

    public static Tristate MatchesResource(ResourceElement? element, string resource, ContextLookup context)
    {
        if (element is null)
            return Tristate.True;
        var any = TristateLogic.Any(element.Entries, e => e.Pattern.Matches(resource, context));
        return element.IsNot ? any.Not() : any;
    }

    public static Tristate MatchesPrincipal(PrincipalElement? element, string? principalArn)
    {
        if (element is null)
            return Tristate.True;
        if (principalArn is null)
            return element.IsEveryone && !element.IsNot ? Tristate.True : Tristate.Unknown;
        var any = element.Entries.Any(e => PrincipalMatches(e, principalArn));
        return TristateLogic.From(element.IsNot ? !any : any);
    }

    private static bool PrincipalMatches(PrincipalEntry entry, string principalArn)
    {
        if (entry.IsWildcard)
            return entry.Type is "*" or "AWS";
        var value = entry.NormalizedValue;
        if (string.Equals(value, principalArn, StringComparison.Ordinal))
            return true;
        // An account's root principal stands for every principal of that account.
        var parts = principalArn.Split(':');
        return entry.Type == "AWS" && value.EndsWith(":root", StringComparison.Ordinal) && parts.Length >= 6
            && value == $"arn:{parts[1]}:iam::{parts[4]}:root";
    }
}
