using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Evaluation;

/// <summary>
/// Does a statement apply to a request? Action, resource and condition, three-valued; a resource policy's principal is
/// matched by <see cref="PrincipalMatcher"/>.
/// </summary>
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
        return resource.And(ConditionEvaluator.EvaluateAll(statement.Conditions, lookup, variablesEnabled));
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
}
