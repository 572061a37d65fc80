using ImAudit.Engine;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Organizations;
using ImAudit.Engine.Policies;
using ImAudit.Engine.Rules;

namespace ImAudit.Cli;

/// <summary>The console summary of an organization scan: one line per account, then the cross-account totals.</summary>
internal static class OrganizationSummary
{
    public static void Write(TextWriter output, OrganizationReport report, ScanInput input, string outDir)
    {
        var org = report.Organization.Id is { } id ? $"organization {id}" : "organization";
        var failed = report.NotAudited.Count(a => a.Failed);
        output.WriteLine($"ImAudit — {org}, {MessageText.Count(report.Accounts.Length, "account")}"
            + (report.NotAudited.IsEmpty ? "" : $"; {report.NotAudited.Length} not audited ({failed} failed, {report.NotAudited.Length - failed} skipped)"));
        foreach (var (account, view) in report.AccountViews())
        {
            var inventory = input.Accounts.First(i => i.AccountId == account.AccountId);
            var name = account.Member is { } m ? $" {m.Name ?? ""} ({m.State.ToLowerInvariant()})" : "";
            output.WriteLine($"  {account.AccountId}{name}: {inventory.Users.Length + inventory.Roles.Length} principals, {inventory.ResponsePlans.Length} response plans, {inventory.Contacts.Length} contacts; "
                + $"findings {Counts(view.Counts)}; coverage {(view.IsIncomplete ? $"INCOMPLETE ({MessageText.Count(view.CoverageGaps, "gap")})" : "complete")}");
        }
        foreach (var account in report.NotAudited)
        {
            var name = string.IsNullOrEmpty(account.Name) ? "" : $" {MessageText.Inline(account.Name)}";
            output.WriteLine($"  {account.AccountId}{name}: {(account.Failed ? $"NOT AUDITED: {account.Reason}" : account.Reason)}");
        }
        var byRule = report.CrossAccountFindings.GroupBy(f => f.RuleId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        output.WriteLine($"  across accounts: {MessageText.Count(report.ReachingPrincipalCount, "principal")} → {MessageText.Count(report.ReachedResourceCount, "shared resource")} of other accounts; "
            + $"{MessageText.Count(report.CrossAccountFindings.Length, "finding")}{(report.CrossAccountFindings.IsEmpty ? "" : $" ({string.Join(", ", byRule)})")}");
        output.WriteLine($"  findings: {Counts(report.Counts)}");
        foreach (var line in FindingLines.Collapsed(report.Findings.Where(f => f.Severity >= Severity.High && f.RuleId.StartsWith("IMA7", StringComparison.Ordinal)), f => f.AccountId ?? "").Take(10))
            output.WriteLine($"    {line}");
        if (report.Drift is { } drift)
            FindingLines.WriteDrift(output, drift, f => $"{f.AccountId} {ScanSummary.Short(f.Resource)}");
        output.WriteLine($"  report: {Path.Combine(outDir, "report.html")}, {Path.Combine(outDir, "report.json")}, {Path.Combine(outDir, "report.md")}; snapshot: {Path.Combine(outDir, "snapshot.json")}");
        NextSteps.Write(output, outDir, report.Drift is not null, !report.Findings.IsEmpty);
    }

    private static string Counts(IReadOnlyDictionary<Severity, int> c) =>
        $"{c[Severity.Critical]} critical, {c[Severity.High]} high, {c[Severity.Medium]} medium, {c[Severity.Low]} low, {c[Severity.Info]} info";
}
