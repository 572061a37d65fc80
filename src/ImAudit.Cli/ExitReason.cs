using ImAudit.Engine;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;

namespace ImAudit.Cli;

/// <summary>
/// The exit code after a run, and why, as one line on stderr when <c>--fail-on</c> is given (without it a run always
/// exits 0 and says nothing). Findings at or above the threshold (1) come before an incomplete audit (3): a critical
/// finding is worth failing on whether or not the audit could read everything.
/// </summary>
internal static class ExitReason
{
    public static int Report(TextWriter stderr, IReadOnlyList<Finding> findings, string? failOn, string noun, string? incomplete = null)
    {
        if (failOn is null)
            return ExitCodes.Ok;
        var threshold = Threshold(failOn);
        var above = findings.Where(f => f.Severity >= threshold).ToList();
        if (above.Count > 0)
        {
            var counts = string.Join(", ", above.GroupBy(f => f.Severity).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {g.Key.Name()}"));
            stderr.WriteLine($"imaudit: exit 1: {MessageText.Count(above.Count, noun)} at or above `--fail-on {threshold.Name()}` ({counts})");
            return ExitCodes.FindingsAtOrAboveThreshold;
        }
        if (incomplete is not null)
        {
            stderr.WriteLine($"imaudit: exit 3: no {noun} at or above `--fail-on {threshold.Name()}`, but the audit is incomplete ({incomplete})");
            return ExitCodes.Incomplete;
        }
        stderr.WriteLine($"imaudit: exit 0: no {noun} at or above `--fail-on {threshold.Name()}`");
        return ExitCodes.Ok;
    }

    /// <summary>The <c>--fail-on</c> severity; checked before anything runs, so a typo is exit 2 at once.</summary>
    public static Severity Threshold(string failOn) =>
        SeverityNames.Parse(failOn) ?? throw new UsageException($"`--fail-on {MessageText.Inline(failOn)}` is not a severity; use critical, high, medium, low or info");
}
