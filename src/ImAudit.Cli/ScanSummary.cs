using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Policies;
using ImAudit.Engine.Reports;

namespace ImAudit.Cli;

/// <summary>The console summary of a scan, readable at a glance.</summary>
internal static class ScanSummary
{
    public static void Write(TextWriter output, AuditReport report, AccountInventory inventory, string outDir)
    {
        output.WriteLine($"ImAudit — account {report.AccountId} ({inventory.Source})");
        output.WriteLine($"  {inventory.Users.Length} users, {inventory.Groups.Length} groups, {inventory.Roles.Length} roles, {inventory.Policies.Length} managed policies, {inventory.ResponsePlans.Length} response plans, {inventory.Contacts.Length} contacts");
        output.WriteLine($"  {report.PoliciesAudited} policy documents audited; {report.Principals.Length} principals with Incident Manager access");
        var c = report.Counts;
        output.WriteLine($"  findings: {c[Severity.Critical]} critical, {c[Severity.High]} high, {c[Severity.Medium]} medium, {c[Severity.Low]} low, {c[Severity.Info]} info");
        var top = report.Findings.Where(f => f.Severity >= Severity.High).Take(10).ToList();
        if (top.Count > 0)
        {
            output.WriteLine("  most severe:");
            foreach (var f in top)
                output.WriteLine($"    {f.Severity.Name().ToUpperInvariant(),-8} {f.RuleId}  {Short(f.Resource)}: {f.Message}");
        }
        if (report.Drift is { } drift)
            output.WriteLine($"  since the previous run ({drift.PreviousGeneratedAt:yyyy-MM-dd HH:mm} UTC): {drift.New.Length} new, {drift.Resolved.Length} resolved, {drift.Persisting.Length} persisting");
        output.WriteLine(report.IsIncomplete ? $"  coverage: INCOMPLETE, {MessageText.Count(report.Coverage.Length, "gap")} (see report.md)" : "  coverage: complete");
        output.WriteLine($"  report: {Path.Combine(outDir, "report.html")}, {Path.Combine(outDir, "report.json")}, {Path.Combine(outDir, "report.md")}; snapshot: {Path.Combine(outDir, "snapshot.json")}");
    }

    // arn:aws:iam::111122223333:user/grace → user/grace
    private static string Short(string resource) => resource.Split(':', 6) is { Length: 6 } parts ? parts[5] : resource;
}
