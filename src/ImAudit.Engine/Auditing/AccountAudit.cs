using ImAudit.Engine.Reports;
using System.Collections.Immutable;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Policies;
using ImAudit.Engine.Rules;

namespace ImAudit.Engine.Auditing;

/// <summary>
/// The whole audit of one inventory: the policy-level rules over every document the account owns (inline,
/// customer managed, trust, and Incident Manager resource policies), then the account-level rules.
/// AWS managed policies are judged only through the access they give principals: their authors are not the
/// account's to correct.
/// </summary>
internal static class AccountAudit
{
    public static AuditReport Run(AccountInventory inventory, IamCatalog catalog, DateTimeOffset now, Baselines.BaselineConfiguration configuration,
        AccountInventory? previous = null) =>
        Run(new AccountContext(inventory, catalog, configuration), now, previous);

    /// <summary>The audit over a context the caller keeps (the organization audit reads its principals again).</summary>
    public static AuditReport Run(AccountContext context, DateTimeOffset now, AccountInventory? previous = null)
    {
        var inventory = context.Inventory;
        var catalog = context.Catalog;
        var configuration = context.Configuration;
        var trustedAccounts = configuration.TrustedAccounts;
        var findings = new List<Finding>();
        var failures = new List<RuleFailure>();
        // Documents are independent: checked in parallel, results kept in inventory order. Accounts repeat documents
        // (trust policies, copied inline policies): the rules run once per distinct text and what they find is moved
        // to each copy. Only the protected resource and the owning account reach the rules besides the text.
        var sources = AccountDocument.All(inventory).ToList();
        var groups = sources.GroupBy(s => (s.Text, s.Kind, s.ProtectedArn, Account: AccountOf(s.Resource))).ToList();
        var checkedGroups = groups.AsParallel().AsOrdered().Select(group =>
        {
            var first = group.First();
            var result = RuleRegistry.Check(new PolicyContext(context.Documents.Parse(first.Text, first.Kind, first.Name), first.Resource, catalog, first.ProtectedArn)
            {
                TrustedAccounts = trustedAccounts,
                TrustedOrganization = configuration.TrustedOrganization,
                Memo = context.Memo,
            });
            return group.Select(source => ReferenceEquals(source, first) ? result : new CheckResult(
                [.. result.Findings.Select(f => f.MovedTo(source.Resource, source.Name))],
                [.. result.Failures.Select(f => f with { Resource = source.Resource })])).ToList();
        }).ToList();
        var documents = sources.Count;
        foreach (var result in checkedGroups.SelectMany(g => g))
        {
            findings.AddRange(result.Findings);
            failures.AddRange(result.Failures);
        }
        var account = RuleRegistry.CheckAccount(context);
        findings.AddRange(account.Findings);
        failures.AddRange(account.Failures);
        if (previous is not null)
        {
            var drift = RuleRegistry.CheckDrift(new DriftContext(new AccountContext(previous, catalog, configuration, context.Memo), context));
            findings.AddRange(drift.Findings);
            failures.AddRange(drift.Failures);
        }
        var coverage = inventory.CollectionErrors.Select(e => new CoverageGap("collection-error", e.Resource, $"{e.Service} {e.Operation}: {e.Code}: {e.Message}"))
            .Concat(context.Principals.SelectMany(p => p.Principal.MissingPolicies.Select(m => new CoverageGap("missing-policy", p.Principal.Arn, $"attached policy `{m}` is not in the inventory"))))
            .Concat(failures.Select(f => new CoverageGap("rule-failure", f.Resource, $"{f.RuleId} failed: {f.Error}")));
        var live = configuration.Suppressions.Where(s => !s.HasExpired(now)).ToList();
        var suppressed = live.Count == 0 ? [] : findings.Select(f => (Finding: f, By: live.FirstOrDefault(s => s.Covers(f)))).Where(x => x.By is not null).ToList();
        var kept = suppressed.Count == 0 ? findings.Distinct() : findings.Except(suppressed.Select(x => x.Finding));
        return new AuditReport(inventory.AccountId, inventory.Source, now, catalog.Source,
            [.. RuleRegistry.Order(kept)], [.. failures],
            [.. context.Principals.Where(p => !p.Access.IsEmpty).OrderBy(p => p.Principal.Arn, StringComparer.Ordinal)],
            [.. coverage], documents)
        {
            Suppressed = [.. suppressed.OrderBy(x => x.Finding.Fingerprint, StringComparer.Ordinal).Select(x => (x.Finding, x.By!))],
            ExpiredSuppressions = [.. configuration.Suppressions.Where(s => s.HasExpired(now))],
            ScopeNotes = ScopeNote.For(inventory, context.Principals.Select(p => p.Principal)),
        };
    }

    private static string AccountOf(string arn) => Arn.Parse(arn)?.Account ?? "";
}
