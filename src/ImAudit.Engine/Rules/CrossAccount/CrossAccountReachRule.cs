using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.CrossAccount;

/// <summary>IMA701: a principal of one account can act on a response plan or contact of another, both halves allowing it.</summary>
internal sealed class CrossAccountReachRule : IOrganizationRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.CrossAccountReach, "cross-account-reach",
        "Principal reaches a shared resource of another account", Severity.Info, "across accounts",
        "a principal of account B can act on a response plan or contact of account A because both B's identity policies (within its boundary) and A's resource policy allow it")
    {
        Remediation = "Informational: confirm that the principal of the other account should reach this response plan or contact; if not, narrow the resource policy (principals, actions) or the principal's identity policy.",
    };

    public IEnumerable<Finding> Run(OrganizationContext context)
    {
        // The share documents by name: the reach names its statement, the document knows where it is written.
        var documents = new Dictionary<string, Policies.PolicyDocument>(StringComparer.Ordinal);
        foreach (var share in context.Shares)
            documents.TryAdd(share.Document.Name, share.Document);
        foreach (var reach in context.Reach)
        {
            var first = reach.Actions.SelectMany(a => a.Resource).MinBy(s => s.Statement)!;
            var at = documents.GetValueOrDefault(reach.PolicyName)?.Statements.FirstOrDefault(s => s.Index == first.Statement)?.Location;
            var levels = reach.Actions.GroupBy(a => a.Action.AccessLevel).OrderByDescending(g => g.Key)
                .Select(g => $"{g.Count()} {g.Key.Display()}");
            var name = reach.Principal.Principal.Name;
            var resourceName = reach.ResourceArn[(reach.ResourceArn.IndexOf('/', StringComparison.Ordinal) + 1)..];
            yield return Descriptor.Finding(reach.Writes ? Severity.Medium : Severity.Info,
                $"`{Inline(name)}` of account {reach.PrincipalAccount} can act on {reach.ResourceType} `{Inline(resourceName)}` of account {reach.ResourceAccount} through {Count(reach.Actions.Length, "action")} ({string.Join(", ", levels)}){(reach.Conditional ? " when the conditions hold" : "")}",
                reach.Principal.Principal.Arn, new FindingLocation(reach.PolicyName, first.Statement, first.Sid, first.Pointer, at?.Line, at?.Column), Details(reach), reach.ResourceArn)
                with { AccountId = reach.PrincipalAccount };
        }
    }

    private static MapDetail Details(CrossAccountReach reach) => Detail.Map(
        ("principal", reach.Principal.Principal.Arn),
        ("principalAccount", reach.PrincipalAccount),
        ("resource", reach.ResourceArn),
        ("resourceAccount", reach.ResourceAccount),
        ("conditional", reach.Conditional),
        ("actions", Detail.List(reach.Actions.Select(a => (Detail)Detail.Map(
            ("action", a.Action.FullName), ("accessLevel", a.Action.AccessLevel.Display()), ("conditional", a.Conditional))))),
        ("identityStatements", Statements(reach.Actions.SelectMany(a => a.Identity), "policy")),
        ("resourceStatements", Statements(reach.Actions.SelectMany(a => a.Resource), "policyId")));

    private static Detail Statements(IEnumerable<Evaluation.MatchedStatement> statements, string policyKey) => Detail.List(
        statements.DistinctBy(s => (s.Policy, s.Statement)).OrderBy(s => s.Policy, StringComparer.Ordinal).ThenBy(s => s.Statement)
            .Select(s => (Detail)Detail.Map([(policyKey, policyKey == "policyId" ? s.Policy[(s.Policy.LastIndexOf('#') + 1)..] : s.Policy), ("statement", s.Statement), .. Sid(s.Sid)])));

    private static (string, Detail)[] Sid(string? sid) => sid is null ? [] : [("sid", sid)];
}
