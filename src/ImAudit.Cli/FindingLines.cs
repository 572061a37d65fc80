using ImAudit.Engine;
using ImAudit.Engine.Drift;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;

namespace ImAudit.Cli;

/// <summary>
/// Findings as console lines, near-identical ones collapsed: findings of one rule and severity whose messages differ
/// only in the resource's name (ten admin roles) make one line with the count and the first few resources.
/// </summary>
internal static class FindingLines
{
    private const int NamesShown = 3;

    public static IEnumerable<string> Collapsed(IEnumerable<Finding> findings, Func<Finding, string> where)
    {
        foreach (var group in findings.GroupBy(f => (f.Severity, f.RuleId, Template: Template(f))))
        {
            var first = group.First();
            var places = group.Select(where).Distinct().ToList();
            var at = places.Count == 1 ? places[0]
                : $"{places.Count} × {string.Join(", ", places.Take(NamesShown))}{(places.Count > NamesShown ? $" and {places.Count - NamesShown} more" : "")}";
            yield return $"{first.Severity.Name().ToUpperInvariant(),-8} {first.RuleId}  {at}: {first.Message}";
        }
    }

    /// <summary>
    /// The new findings first (collapsed, at most <paramref name="max"/> lines), then what was resolved and persists
    /// (the line scripts match: "since the previous run (…): N new, N resolved, N persisting").
    /// </summary>
    public static void WriteDrift(TextWriter output, FindingsDrift drift, Func<Finding, string> where, int max = 10)
    {
        var since = $"since the previous run ({drift.PreviousGeneratedAt:yyyy-MM-dd HH:mm} UTC)";
        if (!drift.New.IsEmpty)
        {
            output.WriteLine($"  new {since}: {MessageText.Count(drift.New.Length, "finding")}");
            var lines = Collapsed(drift.New.OrderByDescending(f => f.Severity), where).ToList();
            foreach (var line in lines.Take(max))
                output.WriteLine($"    {line}");
            if (lines.Count > max)
                output.WriteLine($"    … and {lines.Count - max} more (report.md, \"Since the previous run\")");
        }
        output.WriteLine($"  {since}: {drift.New.Length} new, {drift.Resolved.Length} resolved, {drift.Persisting.Length} persisting");
    }

    // The message with the resource's own name (the last part of its ARN) taken out and numbers blurred: what the
    // findings of one rule on several principals have in common.
    private static string Template(Finding finding)
    {
        var name = finding.Resource[(finding.Resource.LastIndexOfAny(['/', ':']) + 1)..];
        var message = name.Length > 0 ? finding.Message.Replace(name, "\u0000", StringComparison.Ordinal) : finding.Message;
        return string.Concat(message.Select(c => char.IsAsciiDigit(c) ? '#' : c));
    }
}
