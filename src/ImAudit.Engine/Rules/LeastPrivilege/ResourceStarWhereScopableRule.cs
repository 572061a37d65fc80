using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;
using ImAudit.Engine.Rules.Validity;

using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.LeastPrivilege;

/// <summary>IMA304: Incident Manager actions that support resource-level permissions granted on <c>"Resource": "*"</c>.</summary>
internal sealed class ResourceStarWhereScopableRule : IPolicyRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.ResourceStarWhereScopable, "resource-star-where-scopable",
        "Resource is * where it could be scoped", Severity.Low, "least privilege",
        "an Allow of Incident Manager actions that support resource-level permissions uses `\"Resource\": \"*\"`; suggests the ARN patterns to scope to")
    {
        Remediation = "Scope `Resource` to the ARN patterns the message suggests (the response plans, incident records and contacts the principal works with) instead of `*`; keep `*` only for the actions that support no resource-level permissions.",
    };

    public IEnumerable<Finding> Run(PolicyContext context)
    {
        foreach (var statement in context.Document.Statements.Where(s => s.Effect == Effect.Allow))
        {
            if (statement.Resources is not { IsNot: false } resources || resources.Entries.FirstOrDefault(e => e.Pattern.IsEverything) is not { } star)
                continue;
            var scopable = context.CoveredIncidentManager(statement.Actions).Where(a => a.SupportsResourceLevelPermissions).ToList();
            if (scopable.Count == 0)
                continue;
            var account = AccountOf(context.ProtectedResourceArn ?? context.Resource);
            var key = string.Join(",", scopable.Select(a => a.FullName));
            // The message and details depend on the catalogue, the actions and the account only: worked out once.
            var described = context.Memo.ScopableMessage((key, account), static (k, state) => Describe(state.Context, state.Scopable, k.Account), (Context: context, Scopable: scopable));
            yield return context.Create(Descriptor, Severity.Low, described.Message, statement, star.Location, described.Details, key);
        }
    }

    private static (string Message, MapDetail Details) Describe(PolicyContext context, List<ActionInfo> scopable, string? account)
    {
        var suggestions = scopable
            .SelectMany(a => context.Catalog.ArnFormatsOf(a))
            .Distinct()
            .Select(f => Suggest(f, account))
            .Order(StringComparer.Ordinal)
            .ToList();
        return ($"{Count(scopable.Count, "Incident Manager action")} here can be limited to named resources but {(scopable.Count == 1 ? "is" : "are")} granted on `*`; scope to {string.Join(" or ", suggestions.Take(2).Select(s => $"`{s}`"))}{(suggestions.Count > 2 ? " …" : "")}",
            Detail.Map(("actions", Detail.List(scopable.Select(a => a.FullName))), ("suggestedResources", Detail.List(suggestions))));
    }

    // arn:${Partition}:ssm-incidents::${Account}:response-plan/${ResponsePlan} → arn:aws:ssm-incidents::111122223333:response-plan/*
    private static string Suggest(string format, string? account)
    {
        var result = format.Replace("${Partition}", "aws", StringComparison.Ordinal)
            .Replace("${Account}", account ?? "*", StringComparison.Ordinal)
            .Replace("${Region}", "*", StringComparison.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(result, @"\$\{[^}]+\}", "*");
    }

    private static string? AccountOf(string arn) => Arn.Parse(arn) is { HasAccountId: true } parsed ? parsed.Account : null;
}
