using System.Collections.Immutable;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Rules.Conditions;
using ImAudit.Engine.Rules.CrossAccount;
using ImAudit.Engine.Rules.Drift;
using ImAudit.Engine.Rules.LeastPrivilege;
using ImAudit.Engine.Rules.ServiceRoles;
using ImAudit.Engine.Rules.Sharing;
using ImAudit.Engine.Rules.Validity;

namespace ImAudit.Engine.Rules;

/// <summary>Every rule, registered explicitly (trim- and AOT-safe). A meta-test checks IDs, docs pages and tests.</summary>
internal static class RuleRegistry
{
    internal static ImmutableArray<IPolicyRule> PolicyRules { get; } =
    [
        new WrongNamespaceRule(),
        new UnknownActionRule(),
        new UnknownServicePrefixRule(),
        new IncidentActionUnderSsmRule(),
        new ResourceTypeMismatchRule(),
        new CrossNamespaceWildcardRule(),
        new MalformedPolicyRule(),
        new DenyInSharedResourcePolicyRule(),
        new DenyConditionNeverTrueRule(),
        new DenyMatchesNothingRule(),
        new AllowConditionUnsupportedRule(),
        new NotActionGrantsIncidentManagerRule(),
        new FullWildcardGrantRule(),
        new ResourceStarWhereScopableRule(),
        new PublicResourcePolicyRule(),
        new UntrustedAccountRule(),
        new ActionNotShareableRule(),
        new ForeignResourceRule(),
    ];

    internal static ImmutableArray<IAccountRule> AccountRules { get; } =
    [
        new ExceedsBaselineRule(),
        new CanChangeResourcePoliciesRule(),
        new ServicePolicyMisattachedRule(),
        new ImpliedIncidentAccessRule(),
        new EngagementReachRule(),
        new UnreadableResourcePolicyRule(),
        new RunbookRoleTrustRule(),
        new RunbookRoleConfusedDeputyRule(),
        new RunbookRoleOverprivilegedRule(),
        new PassRoleEscalationRule(),
        new ServiceLinkedRoleRule(),
    ];

    /// <summary>Rules on what changed since the previous run; they run only when there is a previous snapshot.</summary>
    internal static ImmutableArray<IDriftRule> DriftRules { get; } =
    [
        new ManagedPolicyVersionChangedRule(),
        new PolicyDocumentChangedRule(),
        new AttachmentChangedRule(),
        new ResourcePolicyChangedRule(),
        new EffectiveAccessChangedRule(),
    ];

    /// <summary>
    /// Rules over several accounts at once; they run only in an organization audit. IMA306 and IMA307 are here too,
    /// for their cross-account side (the same rules, following shares).
    /// </summary>
    internal static ImmutableArray<IOrganizationRule> OrganizationRules { get; } =
    [
        new CrossAccountReachRule(),
        new UnusedShareRule(),
        new ShareOutsideOrganizationRule(),
        new ImpliedIncidentAccessRule(),
        new EngagementReachRule(),
    ];

    public static ImmutableArray<RuleDescriptor> All { get; } =
        [.. PolicyRules.Select(r => r.Descriptor).Concat(AccountRules.Select(r => r.Descriptor)).Concat(DriftRules.Select(r => r.Descriptor))
            .Concat(OrganizationRules.Select(r => r.Descriptor)).DistinctBy(d => d.Id).OrderBy(d => d.Id, StringComparer.Ordinal)];

    /// <summary>True for the drift rules (IMA6xx), which need a previous run to say anything.</summary>
    public static bool IsDrift(string ruleId) => DriftRules.Any(r => r.Descriptor.Id == ruleId);

    /// <summary>True for the rules that only an organization audit runs (IMA7xx): they need several accounts.</summary>
    public static bool IsOrganizationOnly(string ruleId) =>
        OrganizationRules.Any(r => r.Descriptor.Id == ruleId) && !AccountRules.Any(r => r.Descriptor.Id == ruleId);

    /// <summary>True for a rule an organization audit runs over several accounts (IMA7xx, and IMA306/IMA307 following shares).</summary>
    public static bool IsOrganization(string ruleId) => OrganizationRules.Any(r => r.Descriptor.Id == ruleId);

    /// <summary>Runs every drift rule.</summary>
    internal static CheckResult CheckDrift(DriftContext context) =>
        Run(DriftRules, r => r.Descriptor, r => r.Run(context).ToList(), context.Current.Inventory.AccountId);

    /// <summary>
    /// At most this many findings of one rule per document: past it, one more finding counts the rest. A hostile or
    /// generated document (20,000 duplicate keys, 100,000 empty statements) must not make a report of gigabytes.
    /// </summary>
    internal const int MaxFindingsPerRulePerDocument = 100;

    /// <summary>Runs every policy rule; findings in a stable order (severity, rule, place), capped per rule.</summary>
    internal static CheckResult Check(PolicyContext context) =>
        Run(PolicyRules, r => r.Descriptor, r => Capped(r.Descriptor, r.Run(context), context), context.Resource);

    private static List<Finding> Capped(RuleDescriptor rule, IEnumerable<Finding> findings, PolicyContext context)
    {
        var kept = new List<Finding>();
        var omitted = 0;
        var worst = Severity.Info;
        foreach (var finding in findings)
        {
            if (kept.Count < MaxFindingsPerRulePerDocument)
            {
                kept.Add(finding);
                continue;
            }
            omitted++;
            worst = finding.Severity > worst ? finding.Severity : worst;
        }
        if (omitted > 0)
            kept.Add(context.Create(rule, worst, $"{omitted} more {rule.Id} findings in this document are not listed (the first {MaxFindingsPerRulePerDocument} are)",
                null, null, Detail.Map(("omitted", omitted)), "omitted"));
        return kept;
    }

    /// <summary>Runs every account rule.</summary>
    internal static CheckResult CheckAccount(AccountContext context)
    {
        // Account rules only read the context (its memos are thread-safe): run side by side, merged in rule order.
        _ = context.Principals;
        var results = AccountRules.AsParallel().AsOrdered()
            .Select(rule => Run([rule], r => r.Descriptor, r => r.Run(context).ToList(), context.Inventory.AccountId)).ToList();
        return new CheckResult(Order(results.SelectMany(r => r.Findings)), [.. results.SelectMany(r => r.Failures)]);
    }

    /// <summary>Runs every organization rule (after every account's own audit).</summary>
    /// <remarks>The reach the rules share is computed by the first that asks; if that throws, every rule asking records the failure.</remarks>
    internal static CheckResult CheckOrganization(OrganizationContext context) =>
        Run(OrganizationRules, r => r.Descriptor, r => r.Run(context).ToList(), "organization");

    // A rule that throws is recorded, named, with the exception, and the other rules still run.
    private static CheckResult Run<TRule>(IEnumerable<TRule> rules, Func<TRule, RuleDescriptor> descriptor, Func<TRule, IEnumerable<Finding>> run, string resource)
    {
        var findings = new List<Finding>();
        var failures = new List<RuleFailure>();
        foreach (var rule in rules)
        {
            try
            {
                findings.AddRange(run(rule));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures.Add(new RuleFailure(descriptor(rule).Id, resource, $"{e.GetType().Name}: {e.Message}"));
            }
        }
        return new CheckResult(Order(findings), failures);
    }

    internal static List<Finding> Order(IEnumerable<Finding> findings) =>
        [.. findings
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Resource, StringComparer.Ordinal)
            .ThenBy(f => f.Location?.Policy, StringComparer.Ordinal)
            .ThenBy(f => f.Location?.Statement ?? -1)
            .ThenBy(f => f.Location?.Pointer, StringComparer.Ordinal)
            .ThenBy(f => f.Fingerprint, StringComparer.Ordinal)];

    internal static Severity ByEffect(Policies.Effect effect, Severity deny, Severity allow) =>
        effect == Policies.Effect.Deny ? deny : allow;
}
