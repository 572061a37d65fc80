using ImAudit.Engine.Organizations;
using ImAudit.Engine.Auditing;
using System.Collections.Immutable;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Reports;
using ImAudit.Engine.Rules;

namespace ImAudit.Engine.Auditing;

/// <summary>
/// The audit of several accounts as one organization. Each account is audited exactly as a scan of it alone would
/// be (same rules, same findings and fingerprints; its drift rules against its own previous inventory) — with the
/// organization's active members trusted, when they are listed — its findings stamped with its account id; then the organization rules run over all of them, reusing each account's
/// computed access.
/// </summary>
internal static class OrganizationAudit
{
    public static OrganizationReport Run(IReadOnlyList<AccountInventory> inventories, Organization organization, IamCatalog catalog, DateTimeOffset now,
        Baselines.BaselineConfiguration configuration, OrganizationSnapshot? previous = null, IReadOnlyList<AccountNotAudited>? notAudited = null)
    {
        var missing = (notAudited ?? []).Where(a => !inventories.Any(i => i.AccountId == a.AccountId))
            .OrderBy(a => a.AccountId, StringComparer.Ordinal).ToImmutableArray();
        configuration = WithMembersTrusted(configuration, organization);
        // One memo for every account: the AWS managed policies most accounts attach, and any other document two accounts
        // hold alike, are parsed and their access computed once. Every key is the document's content or identity, never
        // the account (docs/engine.md, "Caches"), so an account is audited exactly as alone, with fewer misses.
        var memo = new AuditMemo(catalog);
        var contexts = inventories.OrderBy(i => i.AccountId, StringComparer.Ordinal).Select(i => new AccountContext(i, catalog, configuration, memo)).ToList();
        var accounts = contexts.Select(context =>
        {
            var id = context.Inventory.AccountId;
            var report = AccountAudit.Run(context, now, previous?.Inventory(id));
            report = report with
            {
                Findings = [.. report.Findings.Select(f => f with { AccountId = id })],
                Suppressed = [.. report.Suppressed.Select(s => (s.Finding with { AccountId = id }, s.By))],
            };
            return new AccountReport(id, organization.Member(id), report);
        }).ToImmutableArray();
        var org = new OrganizationContext(contexts, organization);
        var cross = RuleRegistry.CheckOrganization(org);
        var live = configuration.Suppressions.Where(s => !s.HasExpired(now)).ToList();
        var kept = cross.Findings.Where(f => !live.Any(s => s.Covers(f))).ToImmutableArray();
        var report = new OrganizationReport(organization, now, catalog.Source, accounts, kept, [.. cross.Failures], [.. org.Reach]) { NotAudited = missing };
        if (previous is null)
            return report;
        // An account this run could not read has resolved nothing: no previous finding that depends on it is resolved.
        var unread = new UnreadAccounts(missing);
        var drift = Drift.FindingsDrift.Between(previous.GeneratedAt, previous.Findings, report.Findings);
        return report with { Drift = drift with { Resolved = [.. drift.Resolved.Where(f => !unread.Touch(f))] } };
    }

    /// <summary>
    /// When the organization's accounts are listed, its ACTIVE members are trusted accounts (IMA402) and its id the
    /// trusted organization, as `--trusted-account` and the baseline configuration would make them: a share between
    /// members is the organization's business, and IMA703 speaks for shares outside it.
    /// </summary>
    internal static Baselines.BaselineConfiguration WithMembersTrusted(Baselines.BaselineConfiguration configuration, Organization organization) =>
        organization.Members is not { } members ? configuration : configuration.TrustingAlso(members.Where(m => m.IsActive).Select(m => m.Id)) with
        {
            TrustedOrganization = configuration.TrustedOrganization ?? organization.Id,
        };
}
