using ImAudit.Engine;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Policies;
using ImAudit.Engine.Reports;

namespace ImAudit.Cli;

/// <summary>The console summary of a scan, readable at a glance: new findings first, then the most severe, then what to do next.</summary>
internal static class ScanSummary
{
    public static void Write(TextWriter output, AuditReport report, AccountInventory inventory, string outDir)
    {
        output.WriteLine($"ImAudit — account {report.AccountId} ({inventory.Source})");
        output.WriteLine($"  {MessageText.Count(inventory.Users.Length, "user")}, {MessageText.Count(inventory.Groups.Length, "group")}, {MessageText.Count(inventory.Roles.Length, "role")}, "
            + $"{inventory.Policies.Length:N0} managed {(inventory.Policies.Length == 1 ? "policy" : "policies")}, {MessageText.Count(inventory.ResponsePlans.Length, "response plan")}, {MessageText.Count(inventory.Contacts.Length, "contact")}");
        output.WriteLine($"  {MessageText.Count(report.PoliciesAudited, "policy document")} audited; {MessageText.Count(report.PrincipalCount, "principal")} with Incident Manager access");
        var c = report.Counts;
        output.WriteLine($"  findings: {c[Severity.Critical]} critical, {c[Severity.High]} high, {c[Severity.Medium]} medium, {c[Severity.Low]} low, {c[Severity.Info]} info");
        if (report.Drift is { } drift)
            FindingLines.WriteDrift(output, drift, f => Short(f.Resource));
        var top = FindingLines.Collapsed(report.Findings.Where(f => f.Severity >= Severity.High), f => Short(f.Resource)).Take(10).ToList();
        if (top.Count > 0)
        {
            output.WriteLine("  most severe:");
            foreach (var line in top)
                output.WriteLine($"    {line}");
        }
        output.WriteLine(report.IsIncomplete ? $"  coverage: INCOMPLETE, {MessageText.Count(report.CoverageGaps, "gap")} (see report.md)"
            : report.IsIamOnly ? "  coverage: complete for IAM; Incident Manager resources: not in this input (response plans, contacts and their resource policies were not audited)"
            : "  coverage: complete");
        foreach (var note in report.ScopeNotes.Where(n => n.Kind == ScopeNote.AssumedPolicy))
            output.WriteLine($"  assumed: {note.Detail}");
        output.WriteLine($"  report: {Path.Combine(outDir, "report.html")}, {Path.Combine(outDir, "report.json")}, {Path.Combine(outDir, "report.md")}; snapshot: {Path.Combine(outDir, "snapshot.json")}");
        NextSteps.Write(output, outDir, report.Drift is not null, !report.Findings.IsEmpty);
    }

    // arn:aws:iam::111122223333:user/grace → user/grace
    internal static string Short(string resource) => Engine.Arn.Parse(resource)?.Resource ?? resource;
}
