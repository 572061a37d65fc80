using ImAudit.Engine.Inventory;
using System.Collections.Immutable;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Reports;
using ImAudit.Engine.Rules;
using ImAudit.Engine.Rules.CrossAccount;

namespace ImAudit.Engine.Organizations;

/// <summary>One account's part of an organization audit: its own audit (findings carry the account id) and its entry in the account list.</summary>
public sealed record AccountReport(string AccountId, OrganizationMember? Member, AuditReport Report);

/// <summary>
/// The audit of several accounts as one: every account's own audit, then the cross-account findings (IMA7xx, and
/// IMA306/IMA307 following shares) and who reaches what across accounts. Rendered by <see cref="OrganizationReportJson"/>,
/// <see cref="OrganizationReportMarkdown"/> and <see cref="OrganizationReportHtml"/>.
/// </summary>
public sealed record OrganizationReport
{
    internal OrganizationReport(Organization organization, DateTimeOffset generatedAt, string catalogSource, ImmutableArray<AccountReport> accounts,
        ImmutableArray<Finding> crossAccountFindings, ImmutableArray<RuleFailure> crossAccountFailures, ImmutableArray<CrossAccountReach> reach)
    {
        (Organization, GeneratedAt, CatalogSource, Accounts) = (organization, generatedAt, catalogSource, accounts);
        (CrossAccountFindings, CrossAccountFailures, Reach) = (crossAccountFindings, crossAccountFailures, reach);
        Findings = [.. RuleRegistry.Order(Accounts.SelectMany(a => a.Report.Findings).Concat(CrossAccountFindings))];
    }

    public Organization Organization { get; init; }

    public DateTimeOffset GeneratedAt { get; init; }

    public string CatalogSource { get; init; }

    public ImmutableArray<AccountReport> Accounts { get; init; }

    public ImmutableArray<Finding> CrossAccountFindings { get; init; }

    public ImmutableArray<RuleFailure> CrossAccountFailures { get; init; }

    /// <summary>Who reaches what across accounts, each with the actions and statements: the engine's, for the reports.</summary>
    internal ImmutableArray<CrossAccountReach> Reach { get; init; }

    /// <summary>How many principals reach a shared resource of another account.</summary>
    public int ReachingPrincipalCount => Reach.Select(r => r.Principal.Principal.Arn).Distinct(StringComparer.Ordinal).Count();

    /// <summary>How many shared resources principals of other accounts reach.</summary>
    public int ReachedResourceCount => Reach.Select(r => r.ResourceArn).Distinct(StringComparer.Ordinal).Count();

    public const string SchemaVersion = "1";

    /// <summary>The organization's accounts this audit does not cover (failed or skipped), in account-id order.</summary>
    public ImmutableArray<AccountNotAudited> NotAudited { get; init; } = [];

    /// <summary>New, resolved and persisting findings over all accounts since the previous organization snapshot.</summary>
    public Drift.FindingsDrift? Drift { get; init; }

    /// <summary>Every finding: each account's, then the cross-account ones, in the engine's order.</summary>
    public ImmutableArray<Finding> Findings { get; }

    public bool IsIncomplete => Accounts.Any(a => a.Report.IsIncomplete) || !CrossAccountFailures.IsEmpty || NotAudited.Any(a => a.Failed);

    public IReadOnlyDictionary<Severity, int> Counts =>
        Enum.GetValues<Severity>().ToDictionary(s => s, s => Findings.Count(f => f.Severity == s));

    /// <summary>
    /// Each account as a report of its own, in account order: its findings and the cross-account findings that belong
    /// to it, and its part of the drift. What the ASFF batches (one account each) and the per-account counts are made
    /// from. The cross-account findings and the drift are grouped by account once, so the views cost what the
    /// findings do, not accounts × findings.
    /// </summary>
    public IEnumerable<(AccountReport Account, AuditReport View)> AccountViews()
    {
        var cross = CrossAccountFindings.ToLookup(f => f.AccountId, StringComparer.Ordinal);
        var drift = Drift is { } d
            ? (New: d.New.ToLookup(f => f.AccountId, StringComparer.Ordinal), Resolved: d.Resolved.ToLookup(f => f.AccountId, StringComparer.Ordinal),
                Persisting: d.Persisting.ToLookup(f => f.AccountId, StringComparer.Ordinal))
            : default;
        foreach (var account in Accounts)
        {
            var id = account.AccountId;
            yield return (account, account.Report with
            {
                Findings = [.. RuleRegistry.Order(account.Report.Findings.Concat(cross[id]))],
                Drift = Drift is { } previous ? new Drift.FindingsDrift(previous.PreviousGeneratedAt, [.. drift.New[id]], [.. drift.Resolved[id]], [.. drift.Persisting[id]]) : null,
            });
        }
    }
}
