using System.Collections.Immutable;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Rules;

namespace ImAudit.Engine.Reports;

/// <summary>A coverage gap: something the audit could not see, and why.</summary>
internal sealed record CoverageGap(string Kind, string Resource, string Detail);

/// <summary>
/// The canonical result of auditing one account: findings, per-principal Incident Manager access, coverage, and
/// counts. Rendered to JSON (<see cref="ReportJson"/>) and Markdown (<see cref="ReportMarkdown"/>).
/// </summary>
public sealed record AuditReport
{
    internal AuditReport(string accountId, string? source, DateTimeOffset generatedAt, string catalogSource, ImmutableArray<Finding> findings,
        ImmutableArray<RuleFailure> ruleFailures, ImmutableArray<PrincipalAccess> principals, ImmutableArray<CoverageGap> coverage, int policiesAudited)
    {
        (AccountId, Source, GeneratedAt, CatalogSource) = (accountId, source, generatedAt, catalogSource);
        (Findings, RuleFailures, Principals, Coverage, PoliciesAudited) = (findings, ruleFailures, principals, coverage, policiesAudited);
    }

    public string AccountId { get; init; }

    /// <summary>Where the inventory came from (a file, a live collection), as the inventory says.</summary>
    public string? Source { get; init; }

    public DateTimeOffset GeneratedAt { get; init; }

    public string CatalogSource { get; init; }

    public ImmutableArray<Finding> Findings { get; init; }

    /// <summary>Rules that threw: named with the exception, the run went on (the audit is incomplete).</summary>
    public ImmutableArray<RuleFailure> RuleFailures { get; init; }

    /// <summary>Every principal with Incident Manager access, with that access and its baseline: the engine's, for the reports.</summary>
    internal ImmutableArray<PrincipalAccess> Principals { get; init; }

    /// <summary>How many principals have Incident Manager access.</summary>
    public int PrincipalCount => Principals.Length;

    /// <summary>What the audit could not see: the engine's list, for the reports.</summary>
    internal ImmutableArray<CoverageGap> Coverage { get; init; }

    /// <summary>How many things the audit could not see (an incomplete audit has at least one, or a rule failure).</summary>
    public int CoverageGaps => Coverage.Length;

    public int PoliciesAudited { get; init; }

    /// <summary>Findings a live suppression holds back (listed, never counted).</summary>
    internal ImmutableArray<(Finding Finding, Baselines.Suppression By)> Suppressed { get; init; } = [];

    /// <summary>Suppressions past their expiry date: they no longer suppress, and are listed so someone renews or removes them.</summary>
    internal ImmutableArray<Baselines.Suppression> ExpiredSuppressions { get; init; } = [];

    /// <summary>
    /// What the audit assumed or did not look at because of what the input is (an AWS managed policy audited from
    /// ImAudit's copy; no Incident Manager resources in an IAM export). Listed with coverage; never a gap.
    /// </summary>
    public ImmutableArray<ScopeNote> ScopeNotes { get; init; } = [];

    /// <summary>New, resolved and persisting findings since the previous snapshot, when there was one.</summary>
    public Drift.FindingsDrift? Drift { get; init; }

    /// <summary>The earlier runs' finding counts, as the previous snapshot carries them (empty without one).</summary>
    internal ImmutableArray<Drift.RunCounts> EarlierRuns { get; init; } = [];

    /// <summary>The trend this run leaves: the earlier runs' counts and this run's, the newest <see cref="Drift.RunCounts.MaxRuns"/>.</summary>
    internal ImmutableArray<Drift.RunCounts> Trend => Engine.Drift.RunCounts.Extend(EarlierRuns, Engine.Drift.RunCounts.Of(GeneratedAt, Findings));

    public const string SchemaVersion = "2";

    /// <summary>What the report always says about features Incident Manager does not have.</summary>
    public static readonly string NotApplicable = "Incident Manager supports no ACLs: there is nothing of that kind to audit.";

    public bool IsIncomplete => !Coverage.IsEmpty || !RuleFailures.IsEmpty;

    /// <summary>True when the input held no Incident Manager resources: complete, but only for IAM.</summary>
    public bool IsIamOnly => ScopeNotes.Any(n => n.Kind == ScopeNote.NotInInput && n.Subject == ScopeNote.IncidentManagerResources);

    public IReadOnlyDictionary<Severity, int> Counts =>
        Enum.GetValues<Severity>().ToDictionary(s => s, s => Findings.Count(f => f.Severity == s));
}
