using ImAudit.Engine.Access;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Principals;

namespace ImAudit.Engine.Rules;

/// <summary>A principal's effective Incident Manager access, its baseline, and what exceeds it.</summary>
internal sealed record PrincipalAccess(PrincipalPolicies Principal, Baseline Baseline, EffectiveAccess Access, ComparisonResult? Excess);

/// <summary>
/// A whole account under audit: the inventory, the catalogue, and every principal's access, computed once; and the
/// audit's memo, which every rule reaches through it.
/// </summary>
internal sealed class AccountContext
{
    private readonly Lazy<IReadOnlyList<PrincipalAccess>> _principals;
    private readonly Lazy<Dictionary<string, PrincipalAccess>> _byArn;

    public AccountContext(AccountInventory inventory, IamCatalog catalog, Baselines.BaselineConfiguration? configuration = null)
        : this(inventory, catalog, configuration, null)
    {
    }

    /// <summary>A context in an audit that already has a memo: the previous run of a drift audit shares the current one's.</summary>
    internal AccountContext(AccountInventory inventory, IamCatalog catalog, Baselines.BaselineConfiguration? configuration, AuditMemo? memo)
    {
        Inventory = inventory;
        Catalog = catalog;
        Configuration = configuration ?? Baselines.BaselineConfiguration.Empty;
        Memo = memo ?? new AuditMemo(catalog);
        if (Memo.Catalog != catalog)
            throw new ArgumentException("the audit's memo is for another catalogue", nameof(memo));
        _principals = new(ComputePrincipals);
        _byArn = new(() =>
        {
            // The first principal with an ARN, as a search in order would find.
            var byArn = new Dictionary<string, PrincipalAccess>(StringComparer.Ordinal);
            foreach (var principal in Principals)
                byArn.TryAdd(principal.Principal.Arn, principal);
            return byArn;
        });
    }

    public AccountInventory Inventory { get; }

    public IamCatalog Catalog { get; }

    public Baselines.BaselineConfiguration Configuration { get; }

    public IReadOnlyList<PrincipalAccess> Principals => _principals.Value;

    /// <summary>The audit's memo: its documents, access and rule caches (docs/engine.md, "Caches").</summary>
    internal AuditMemo Memo { get; }

    /// <summary>Every document of the audit, parsed once.</summary>
    internal Policies.DocumentCache Documents => Memo.Documents;

    public PrincipalAccess? FindPrincipal(string arn) => _byArn.Value.GetValueOrDefault(arn);

    /// <summary>Every runbook role a response plan names: (plan, role ARN).</summary>
    internal IEnumerable<(Inventory.ResponsePlan Plan, string RoleArn)> RunbookRoles =>
        Inventory.ResponsePlans.SelectMany(p => p.Actions.Select(a => (p, a.RoleArn))).Where(x => x.RoleArn.Length > 0);

    // Principals are independent once resolved: their access is computed in parallel, kept in inventory order.
    private List<PrincipalAccess> ComputePrincipals() =>
        [.. new PrincipalResolver(Inventory, Documents).All().ToList().AsParallel().AsOrdered().Select(principal =>
        {
            var access = AccessCalculator.Compute(Catalog, new PolicySet(principal.Identity, principal.Boundary), null, Memo.Access);
            var baseline = BaselineAssignment.For(principal, Configuration);
            ComparisonResult? excess = null;
            if (baseline is { Kind: BaselineKind.ManagedPolicy, Document: { } document } && !access.IsEmpty)
                excess = AccessComparer.Compare(access, AccessCalculator.Compute(Catalog, new PolicySet([document]), null, Memo.Access), baseline.Name, Memo.Access);
            return new PrincipalAccess(principal, baseline, access, excess);
        })];
}

/// <summary>A rule that judges the account as a whole (principals, attachments, Incident Manager resources).</summary>
internal interface IAccountRule
{
    RuleDescriptor Descriptor { get; }

    IEnumerable<Finding> Run(AccountContext context);
}
