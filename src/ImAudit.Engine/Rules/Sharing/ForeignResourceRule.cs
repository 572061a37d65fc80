using ImAudit.Engine.Findings;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.Sharing;

/// <summary>
/// IMA404: a resource policy's <c>Resource</c> names something other than the policy's own resource (and, for a
/// response plan, its incident records; for a contact, its engagements and pages).
/// </summary>
internal sealed class ForeignResourceRule : IPolicyRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.ForeignResource, "foreign-resource",
        "Resource policy names another resource", Severity.Medium, "resource policies",
        "a Resource entry names something other than the policy's own resource (and a response plan's incident records, a contact's engagements and pages)")
    {
        Remediation = "Let `Resource` name only the policy's own response plan or contact (with its incident records, engagements and pages); grant access to other resources in their own policies.",
    };

    public IEnumerable<Finding> Run(PolicyContext context)
    {
        if (context.Document.Kind != PolicyKind.Resource || SharedResource.From(context.ProtectedResourceArn) is not { } own)
            yield break;
        foreach (var statement in context.Document.Statements)
        {
            foreach (var entry in statement.Resources is { IsNot: false } r ? r.Entries : [])
            {
                if (NamesOwn(entry.Pattern, own) || own.Children.Any(c => c.Covers(entry.Pattern.Approximation)))
                    continue;
                yield return context.Create(Descriptor, Severity.Medium,
                    $"`{Inline(entry.Text)}` is not `{own.Arn}` nor one of its {(own.Type == "response-plan" ? "incident records" : "engagements or pages")}: a resource policy should name only its own resource",
                    statement, entry.Location, Detail.Map(("ownResource", own.Arn)), entry.Text);
            }
        }
    }

    // The entry matches the resource, and differs from its ARN at most by a wildcard Region or partition.
    private static bool NamesOwn(ResourcePattern pattern, SharedResource own)
    {
        if (pattern.Matches(own.Arn) != Tristate.True)
            return false;
        return Arn.Parse(pattern.Text) is { } mine && Arn.Parse(own.Arn) is { } theirs
            && mine.Service == theirs.Service && mine.Account == theirs.Account && mine.Resource == theirs.Resource;
    }
}
