using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.Validity;

/// <summary>
/// IMA105: an Incident Manager action paired only with resource patterns that can match none of its resource
/// types' ARN formats — the other namespace's ARNs, a Region in a Region-less ARN, a wrong resource-type word, a
/// name with a path, or an ARN for an action that only works with <c>"Resource": "*"</c>.
/// </summary>
internal sealed class ResourceTypeMismatchRule : IPolicyRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.ResourceTypeMismatch, "resource-type-mismatch",
        "Resource can never match the action's resource type", Severity.Medium, "namespaces and validity",
        "an Incident Manager action is paired only with resources that match none of its ARN formats, so the statement grants or denies nothing for it; high for Deny, medium for Allow")
    {
        Remediation = "Pair the action with ARNs of its own resource type (a response-plan action with `arn:aws:ssm-incidents:REGION:ACCOUNT:response-plan/NAME`, a contact action with `arn:aws:ssm-contacts:REGION:ACCOUNT:contact/ALIAS`), or move it to a statement whose resource matches it.",
    };

    public IEnumerable<Finding> Run(PolicyContext context)
    {
        foreach (var statement in context.Document.Statements)
        {
            if (statement.Resources is not { IsNot: false, Entries.Length: > 0 } resources)
                continue;
            // `*` fits every action.
            if (resources.Entries.Any(e => e.Pattern.IsEverything))
                continue;
            if (statement.Actions.IsNot)
                continue;
            var patterns = resources.Entries.Select(e => e.Pattern).ToList();
            var missed = new SortedSet<string>(StringComparer.Ordinal);
            var actions = new Dictionary<string, ActionInfo>(StringComparer.Ordinal);
            foreach (var entry in statement.Actions.Entries)
            {
                var reached = context.Catalog.ExpandIncidentManager(entry.Pattern);
                if (reached.IsEmpty)
                    continue;
                var misses = reached.Where(a => !FitsAny(context.Catalog, a, patterns)).ToList();
                // A wildcard names no action in particular: report it only when none of its actions can apply.
                if (misses.Count == 0 || (entry.Pattern.NameHasWildcard && misses.Count < reached.Length))
                    continue;
                foreach (var action in misses)
                {
                    missed.Add(action.FullName);
                    actions[action.FullName] = action;
                }
            }
            if (missed.Count == 0)
                continue;
            var resourceList = string.Join(", ", patterns.Select(p => $"`{Inline(p.Text)}`"));
            var first = actions[missed.Min!];
            var message = missed.Count == 1
                ? $"`{first.FullName}` {Needs(context.Catalog, first)}, so {resourceList} {Verb(statement)} nothing for it"
                : $"{missed.Count} Incident Manager actions (`{string.Join("`, `", missed.Take(3))}`{(missed.Count > 3 ? ", …" : "")}) match none of {resourceList}, so this statement {Verb(statement)} nothing for them";
            var details = Detail.Map(
                ("actions", Detail.List(missed.Select(a => (Detail)Detail.Map(("action", a), ("resourceFormats", Detail.List(context.Catalog.ArnFormatsOf(actions[a]))))))),
                ("resources", Detail.List(patterns.Select(p => p.Text))));
            yield return context.Create(Descriptor, RuleRegistry.ByEffect(statement.Effect, Severity.High, Severity.Medium), message,
                statement, PolicyContext.ElementOf(resources.Entries[0].Location, resources.Entries.Length), details, string.Join(",", missed));
        }
    }

    private static string Verb(Statement statement) => statement.Effect == Effect.Deny ? "denies" : "grants";

    private static string Needs(IamCatalog catalog, ActionInfo action) =>
        action.SupportsResourceLevelPermissions
            ? $"applies only to {string.Join(" or ", catalog.ArnFormatsOf(action).Select(f => $"`{f}`"))}"
            : "supports only `\"Resource\": \"*\"`";

    /// <summary>Can any of the patterns name some resource the action works on?</summary>
    private static bool FitsAny(IamCatalog catalog, ActionInfo action, List<ResourcePattern> patterns)
    {
        foreach (var pattern in patterns)
        {
            if (catalog.MayName(action, pattern))
                return true;
        }
        return false;
    }
}
