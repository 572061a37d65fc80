namespace ImAudit.Cli;

/// <summary>The end of a scan's console summary: what to do next with what it found.</summary>
internal static class NextSteps
{
    public static void Write(TextWriter output, string outDir, bool compared, bool anyFindings)
    {
        output.WriteLine("  next:");
        output.WriteLine($"    open {Path.Combine(outDir, "report.html")} for every finding, its policy statement and the fix");
        if (anyFindings)
        {
            output.WriteLine("    accept what you reviewed with `--baseline FILE` (suppressions, trusted accounts, admins: docs/baseline-config.md)");
            output.WriteLine("    gate CI with `--fail-on high` (exit 1 on a finding at or above it)");
        }
        output.WriteLine(compared
            ? $"    scan into `{outDir}` again to see what changed since this run"
            : $"    scan into `{outDir}` again later: the next run says what is new, resolved and persisting");
    }
}
