using System.Globalization;
using System.Text;
using ImAudit.Engine.Findings;
using static ImAudit.Engine.Reports.MarkdownText;

namespace ImAudit.Engine.Reports;

/// <summary>
/// <c>report.md</c>: the report for a pull request or a ticket — summary, findings by severity, access, coverage. What
/// comes from the account is written through <see cref="MarkdownText"/>: never read as markup.
/// </summary>
internal static class ReportMarkdown
{
    private static void Table(StringBuilder md, IEnumerable<Finding> findings, bool severity, TextWriter? spill)
    {
        md.AppendLine(severity ? "| severity | rule | resource | finding | where |" : "| rule | resource | finding | where |");
        md.AppendLine(severity ? "|---|---|---|---|---|" : "|---|---|---|---|");
        foreach (var f in findings)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {(severity ? f.Severity.Name() + " | " : "")}{f.RuleId} | {Code(f.Resource)} | {Message(f.Message)} | {Where(f.Location)} |");
            md.SpillTo(spill);
        }
        md.AppendLine();
    }

    public static string Render(AuditReport report) =>
        Whole.Text(text => Render(text, report));

    /// <summary>The report written to <paramref name="destination"/> as it is composed, never held whole.</summary>
    public static void Render(TextWriter destination, AuditReport report)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# ImAudit report — account {Text(report.AccountId)}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Generated {report.GeneratedAt:yyyy-MM-dd HH:mm} UTC from {Code(report.Source ?? "inventory", inTable: false)}; catalogue {Text(report.CatalogSource)}; {report.PoliciesAudited} policy documents audited.");
        md.AppendLine();
        md.AppendLine(report.IsIncomplete ? "**The audit is incomplete:** see Coverage."
            : report.IsIamOnly ? "The audit is complete for IAM; Incident Manager resources: not in this input (see Coverage)."
            : "The audit is complete.");
        md.AppendLine();
        md.AppendLine("| critical | high | medium | low | info |");
        md.AppendLine("|---:|---:|---:|---:|---:|");
        var c = report.Counts;
        md.AppendLine(CultureInfo.InvariantCulture, $"| {c[Severity.Critical]} | {c[Severity.High]} | {c[Severity.Medium]} | {c[Severity.Low]} | {c[Severity.Info]} |");
        md.AppendLine();
        if (report.Drift is { } drift)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"## Since the previous run ({drift.PreviousGeneratedAt:yyyy-MM-dd HH:mm} UTC)");
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"{drift.New.Length} new, {drift.Resolved.Length} resolved, {drift.Persisting.Length} persisting.");
            md.AppendLine();
            if (!drift.New.IsEmpty)
            {
                md.AppendLine("### New findings");
                md.AppendLine();
                Table(md, drift.New, severity: true, destination);
            }
            if (!drift.Resolved.IsEmpty)
            {
                md.AppendLine("### Resolved");
                md.AppendLine();
                Table(md, drift.Resolved, severity: true, destination);
            }
        }
        md.AppendLine("## Findings");
        md.AppendLine();
        if (report.Findings.IsEmpty)
            md.AppendLine("No findings.");
        foreach (var group in report.Findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"### {group.Key.Name()} ({group.Count()})");
            md.AppendLine();
            Table(md, group, severity: false, destination);
        }
        if (!report.Suppressed.IsEmpty || !report.ExpiredSuppressions.IsEmpty)
        {
            md.AppendLine("## Suppressions");
            md.AppendLine();
            foreach (var (f, by) in report.Suppressed)
                md.AppendLine(CultureInfo.InvariantCulture, $"- suppressed {f.RuleId} on {Code(f.Resource, inTable: false)} until {by.Expires?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "further notice"}: {Text(by.Reason)}");
            foreach (var s in report.ExpiredSuppressions)
                md.AppendLine(CultureInfo.InvariantCulture, $"- **expired** {s.Expires:yyyy-MM-dd}: {Text(s.RuleId)} on {Code(s.ResourcePattern, inTable: false)} ({Text(s.Reason)}) no longer suppresses; renew or remove it");
            md.AppendLine();
        }
        md.AppendLine("## Incident Manager access by principal");
        md.AppendLine();
        md.AppendLine("| principal | baseline | actions | beyond baseline |");
        md.AppendLine("|---|---|---:|---|");
        foreach (var p in report.Principals)
        {
            var excess = p.Excess?.Excess.Select(e => Code(e.Action.FullName)).ToList() ?? [];
            md.AppendLine(CultureInfo.InvariantCulture, $"| {Code(p.Principal.Arn)} | {Text(p.Baseline.Name)} | {p.Access.Actions.Length} | {(excess.Count == 0 ? "—" : string.Join(", ", excess.Take(8)) + (excess.Count > 8 ? $" and {excess.Count - 8} more" : ""))} |");
            md.SpillTo(destination);
        }
        md.AppendLine();
        md.AppendLine("## Coverage");
        md.AppendLine();
        if (report.Coverage.IsEmpty)
            md.AppendLine("Everything in the inventory was read and audited.");
        foreach (var gap in report.Coverage)
            md.AppendLine(CultureInfo.InvariantCulture, $"- {Text(gap.Kind)}: {Code(gap.Resource, inTable: false)} — {Message(gap.Detail, inTable: false)}");
        foreach (var note in report.ScopeNotes)
            md.AppendLine(CultureInfo.InvariantCulture, $"- {Message(note.Detail, inTable: false)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- {AuditReport.NotApplicable}");
        TextSpill.Drain(md, destination);
    }

    private static string Where(FindingLocation? l) =>
        l is null ? "" : string.Join(" ", new[] { l.Policy is null ? null : Code(l.Policy), l.Statement is { } st ? $"statement {st}" : null, l.Pointer is { Length: > 0 } p ? Code(p) : null }.OfType<string>());
}
