using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.Drift;

/// <summary>IMA604: a response-plan or contact resource policy changed since the previous run; high when it reaches further.</summary>
internal sealed class ResourcePolicyChangedRule : IDriftRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.ResourcePolicyChanged, "resource-policy-changed",
        "Response-plan or contact resource policy changed", Severity.High, "drift",
        "a response-plan or contact resource policy changed since the previous run; high when it now lets a principal do an action it could not before, low otherwise")
    {
        Remediation = "Check that the change to the response-plan or contact policy was intended (CloudTrail `PutResourcePolicy`, `PutContactPolicy` or the AWS RAM share's history say who made it) and revert it if not.",
    };

    public IEnumerable<Finding> Run(DriftContext context)
    {
        var before = Policies(context.Previous).DistinctBy(p => p.Arn).ToDictionary(p => p.Arn, p => p.Documents, StringComparer.Ordinal);
        foreach (var (arn, documents) in Policies(context.Current))
        {
            var previous = before.GetValueOrDefault(arn) ?? [];
            var then = Grants(context, arn, previous);
            var now = Grants(context, arn, documents);
            if (then.SetEquals(now) && previous.Select(DriftContext.Canonical).Order(StringComparer.Ordinal).SequenceEqual(documents.Select(DriftContext.Canonical).Order(StringComparer.Ordinal)))
                continue;
            var widened = now.Except(then).Order(StringComparer.Ordinal).ToList();
            var narrowed = then.Except(now).Order(StringComparer.Ordinal).ToList();
            yield return Descriptor.Finding(widened.Count > 0 ? Severity.High : Severity.Low,
                $"the resource policy of `{Inline(arn)}` changed since the previous run: " + (widened.Count > 0
                    ? $"it now allows {string.Join(", ", widened.Take(3).Select(g => $"`{g}`"))}{(widened.Count > 3 ? $" and {widened.Count - 3} more" : "")}"
                    : narrowed.Count > 0 ? $"it no longer allows {string.Join(", ", narrowed.Take(3).Select(g => $"`{g}`"))}" : "the same grants, written differently"),
                arn, null, Detail.Map(("widened", Detail.List(widened)), ("narrowed", Detail.List(narrowed))),
                Findings.Finding.ListKey(widened.Select(w => "+" + w).Concat(narrowed.Select(n => "-" + n))));
        }
    }

    // Each plan's and contact's resource policy documents (contacts have at most one).
    private static IEnumerable<(string Arn, List<string> Documents)> Policies(AccountContext account) =>
        account.Inventory.ResponsePlans.Select(p => (p.Arn, p.ResourcePolicies.Select(r => r.Document).ToList()))
            .Concat(account.Inventory.Contacts.Select(c => (c.Arn, c.Policy is null ? new List<string>() : [c.Policy])));

    // What the policies let whom do: "principal → action" for every Allow statement, less nothing (denies only narrow).
    private static HashSet<string> Grants(DriftContext context, string arn, IEnumerable<string> documents) =>
        [.. documents.Select(d => context.Current.Documents.Parse(d, PolicyKind.Resource, arn))
            .SelectMany(d => d.Statements).Where(s => s.Effect == Effect.Allow)
            .SelectMany(s => (s.Principal?.Entries.Select(p => $"{p.Type}:{p.Value}") ?? ["?"]).SelectMany(p => s.Actions.Entries.Select(a => $"{p} → {(s.Actions.IsNot ? "not " : "")}{a.Text}")))];
}
