using ImAudit.Engine.Answers;
using ImAudit.Engine.Auditing;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Access;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;
using ImAudit.Engine.Rules;

namespace ImAudit.Engine;

/// <summary>
/// The engine's entry points. Pure and deterministic: no clock, network, file system or environment; results are
/// ordered so that two runs over the same input print the same bytes.
/// </summary>
public sealed class PolicyEngine(IamCatalog catalog)
{
    public static IReadOnlyList<string> IncidentManagerServices => IncidentManager.Services;

    /// <summary>Every rule, in ID order.</summary>
    public static IReadOnlyList<RuleDescriptor> Rules => RuleRegistry.All;

    /// <summary>The data the engine embeds, one line each (what made it and how much of it): <c>imaudit --version</c> prints them.</summary>
    public static IEnumerable<string> DataVersions()
    {
        var catalog = IamCatalog.Default;
        yield return $"action catalogue: {catalog.Source} ({catalog.ServiceCount} services, {catalog.ActionCount:N0} actions)";
        yield return $"AWS managed policies: {ManagedPolicies.ManagedPolicyLibrary.DataVersion} ({ManagedPolicies.ManagedPolicyLibrary.Count:N0} policies, every version)";
        yield return $"managed-policy baselines: {string.Join(", ", Baselines.ManagedBaselines.Names.Select(n => Baselines.ManagedBaselines.Versions(n)[^1].QualifiedName))}";
    }

    public IamCatalog Catalog { get; } = catalog;

    public Expansion Expand(string pattern)
    {
        var parsed = ActionPattern.TryParse(pattern, out var error);
        return parsed is null ? new Expansion(pattern, [], error) : new Expansion(pattern, Catalog.Expand(parsed), null);
    }

    /// <summary>
    /// Evaluates one request against the policies in force for it. First what is wrong with the request before any
    /// policy is read (<see cref="Simulation.Warnings"/>): an action the catalogue does not have (AWS authorizes no
    /// such request, whatever a wildcard matches), and context keys Incident Manager never sends with its actions (tag
    /// and service-specific keys, as IMA202/IMA204 know), which are then evaluated as absent, as AWS sees them.
    /// </summary>
    public Simulation Simulate(SimulationRequest request)
    {
        var asGiven = request.Request([]);
        var check = RequestChecks.Check(Catalog, asGiven);
        var evaluated = check.UnsentKeys.IsEmpty ? asGiven : request.Request(check.UnsentKeys);
        return new Simulation(Simulate(request.Policies, evaluated), check.Warnings);
    }

    /// <summary>IAM's evaluation of one request, as it is given (no check of the request first).</summary>
    internal static SimulationResult Simulate(PolicySet policies, RequestContext request) => Simulator.Simulate(policies, request);

    /// <summary>What is wrong with a request before it is evaluated (see <see cref="Simulate(SimulationRequest)"/>).</summary>
    internal RequestCheck CheckRequest(RequestContext request) => RequestChecks.Check(Catalog, request);

    /// <summary>Effective access over <paramref name="services"/> (default: ssm-incidents and ssm-contacts).</summary>
    internal EffectiveAccess EffectiveAccess(PolicySet policies, IReadOnlyCollection<string>? services = null) =>
        AccessCalculator.Compute(Catalog, policies, services);

    /// <summary>
    /// The exact excess of the union of <paramref name="policies"/> over <paramref name="baseline"/>, over
    /// <paramref name="services"/> (default: every Incident Manager service).
    /// </summary>
    public Comparison Compare(IReadOnlyList<PolicyDocument> policies, PolicyDocument baseline, string baselineName, IReadOnlyCollection<string>? services = null) =>
        new(Compare(new PolicySet(policies), new PolicySet([baseline]), baselineName, services));

    /// <summary>The exact excess of <paramref name="policies"/> over <paramref name="baseline"/>.</summary>
    internal ComparisonResult Compare(PolicySet policies, PolicySet baseline, string baselineName, IReadOnlyCollection<string>? services = null) =>
        AccessComparer.Compare(EffectiveAccess(policies, services), EffectiveAccess(baseline, services), baselineName);

    /// <summary>
    /// Audits one policy document on its own: the policy-level rules (validity and namespaces so far). A rule that
    /// throws is reported in <see cref="CheckResult.Failures"/> and the others still run.
    /// </summary>
    public CheckResult CheckPolicy(PolicyDocument document, string? resource = null, string? protectedResourceArn = null,
        IReadOnlyCollection<string>? trustedAccounts = null) =>
        RuleRegistry.Check(new PolicyContext(document, resource ?? protectedResourceArn ?? document.Name, Catalog, protectedResourceArn)
        {
            TrustedAccounts = trustedAccounts ?? [],
        });

    /// <summary>
    /// Audits a whole account with the account-level rules (least privilege against the baselines so far); the
    /// context also carries every principal's effective Incident Manager access for the report.
    /// </summary>
    internal (CheckResult Result, AccountContext Context) Analyze(Inventory.AccountInventory inventory)
    {
        using var audit = AuditLifetime.Begin();
        var context = new AccountContext(inventory, Catalog);
        return (RuleRegistry.CheckAccount(context), context);
    }

    /// <summary>The full audit of an account: every rule, per-principal access, coverage. <paramref name="now"/> stamps the report.</summary>
    public Reports.AuditReport Audit(Inventory.AccountInventory inventory, DateTimeOffset now, Baselines.BaselineConfiguration? configuration = null) =>
        Audit(inventory, now, configuration, null);

    /// <summary>
    /// The audit of several accounts as one organization: each account as <see cref="Audit(Inventory.AccountInventory, DateTimeOffset, Baselines.BaselineConfiguration?)"/>
    /// would audit it alone, then the cross-account rules (IMA7xx; IMA306/IMA307 following shares); with a previous
    /// organization snapshot, each account's drift and new/resolved/persisting over all findings.
    /// </summary>
    public Organizations.OrganizationReport AuditOrganization(IReadOnlyList<Inventory.AccountInventory> inventories, Inventory.Organization? organization, DateTimeOffset now,
        Baselines.BaselineConfiguration? configuration = null, Organizations.OrganizationSnapshot? previous = null,
        IReadOnlyList<Organizations.AccountNotAudited>? notAudited = null)
    {
        using var audit = AuditLifetime.Begin();
        return Auditing.OrganizationAudit.Run(inventories, organization ?? Inventory.Organization.Unknown, Catalog, now, configuration ?? Baselines.BaselineConfiguration.Empty, previous, notAudited);
    }

    /// <summary>The full audit, compared with the previous run's snapshot: new, resolved and persisting findings.</summary>
    public Reports.AuditReport Audit(Inventory.AccountInventory inventory, DateTimeOffset now, Baselines.BaselineConfiguration? configuration, Drift.AuditSnapshot? previous)
    {
        using var audit = AuditLifetime.Begin();
        var report = Auditing.AccountAudit.Run(inventory, Catalog, now, configuration ?? Baselines.BaselineConfiguration.Empty, previous?.Inventory);
        return previous is null ? report : report with { Drift = Drift.FindingsDrift.Between(previous, report.Findings), EarlierRuns = previous.Trend };
    }
}
