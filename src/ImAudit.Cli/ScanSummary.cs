using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
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
                output.WriteLine($"    {f.Severity.Name().ToUpperInvariant(),-8} {f.RuleId}  {f.Message}");
        }
        output.WriteLine(report.IsIncomplete ? $"  coverage: INCOMPLETE, {report.Coverage.Length} gaps (see report.md)" : "  coverage: complete");
        output.WriteLine($"  report: {Path.Combine(outDir, "report.json")}, {Path.Combine(outDir, "report.md")}");
    }
}
