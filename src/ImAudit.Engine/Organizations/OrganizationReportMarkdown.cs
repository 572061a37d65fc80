using System.Globalization;
using System.Text;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Reports;
using static ImAudit.Engine.Reports.MarkdownText;

namespace ImAudit.Engine.Organizations;

/// <summary>
/// <c>report.md</c> of an organization audit: the accounts, who reaches what across them, drift, every finding with its
/// account. Composed in a small buffer handed on to the destination as it fills (<see cref="TextSpill"/>), as the account
/// report is: a thousand accounts' findings are never held as one string.
/// </summary>
internal static class OrganizationReportMarkdown
{
    /// <summary>The report whole (tests); what writes files and uploads streams it with the overload below.</summary>
    internal static string Render(OrganizationReport report) =>
        Whole.Text(text => Render(text, report));

    /// <summary>The report written to <paramref name="destination"/> as it is composed, never held whole.</summary>
    public static void Render(TextWriter destination, OrganizationReport report)
    {
        var md = new StringBuilder();
        var org = report.Organization.Id is { } id ? $"organization {Text(id)}" : "organization";
        md.AppendLine(CultureInfo.InvariantCulture, $"# ImAudit report — {org}, {report.Accounts.Length} accounts");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Generated {report.GeneratedAt:yyyy-MM-dd HH:mm} UTC; catalogue {report.CatalogSource}.");
        md.AppendLine();
        var failed = report.NotAudited.Count(a => a.Failed);
        md.AppendLine(report.IsIncomplete
            ? $"**The audit is incomplete:** {(failed > 0 ? $"{failed} accounts could not be audited; " : "")}see the accounts' coverage."
            : "The audit is complete.");
        md.AppendLine();
        md.AppendLine("## Accounts");
        md.AppendLine();
        md.AppendLine("| account | name | state | source | complete | critical | high | medium | low | info |");
        md.AppendLine("|---|---|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var (account, view) in report.AccountViews())
        {
            var c = view.Counts;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Text(account.AccountId)} | {Text(account.Member?.Name)} | {Text(account.Member?.State)} | {Code(view.Source)} | {(view.IsIncomplete ? $"no ({view.Coverage.Length} gaps)" : "yes")} | {c[Severity.Critical]} | {c[Severity.High]} | {c[Severity.Medium]} | {c[Severity.Low]} | {c[Severity.Info]} |");
            md.SpillTo(destination);
        }
        md.AppendLine();
        if (!report.NotAudited.IsEmpty)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"## Accounts not audited ({report.NotAudited.Length})");
            md.AppendLine();
            md.AppendLine("| account | name | status | reason |");
            md.AppendLine("|---|---|---|---|");
            foreach (var a in report.NotAudited)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {Text(a.AccountId)} | {Text(a.Name)} | {(a.Failed ? "failed" : "skipped")} | {Message(a.Reason)} |");
                md.SpillTo(destination);
            }
            md.AppendLine();
        }
        md.AppendLine("## Cross-account reach");
        md.AppendLine();
        if (report.Reach.IsEmpty)
            md.AppendLine("No principal reaches a response plan or contact of another account.");
        else
        {
            md.AppendLine("| principal | account | reaches | of account | actions |");
            md.AppendLine("|---|---|---|---|---|");
            foreach (var r in report.Reach)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {Code(r.Principal.Principal.Arn)} | {Text(r.PrincipalAccount)} | {Code(r.ResourceArn)} | {Text(r.ResourceAccount)} | {Text(string.Join(", ", r.Actions.Select(a => a.Action.FullName + (a.Conditional ? " (conditional)" : ""))))} |");
                md.SpillTo(destination);
            }
        }
        md.AppendLine();
        if (report.Drift is { } drift)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"## Since the previous run ({drift.PreviousGeneratedAt:yyyy-MM-dd HH:mm} UTC)");
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"{drift.New.Length} new, {drift.Resolved.Length} resolved, {drift.Persisting.Length} persisting.");
            md.AppendLine();
            if (!drift.New.IsEmpty)
                Table(md, "### New findings", drift.New, destination);
            if (!drift.Resolved.IsEmpty)
                Table(md, "### Resolved", drift.Resolved, destination);
        }
        Table(md, $"## Findings ({report.Findings.Length})", report.Findings, destination);
        TextSpill.Drain(md, destination);
    }

    private static void Table(StringBuilder md, string heading, IEnumerable<Finding> findings, TextWriter destination)
    {
        md.AppendLine(heading);
        md.AppendLine();
        md.AppendLine("| severity | rule | account | resource | finding |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var f in findings)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {f.Severity.Name()} | {f.RuleId} | {Text(f.AccountId)} | {Code(f.Resource)} | {Message(f.Message)} |");
            md.SpillTo(destination);
        }
        md.AppendLine();
    }
}
