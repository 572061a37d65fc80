using ImAudit.Engine.Baselines;

namespace ImAudit.Cli;

/// <summary>What one <c>scan</c> runs with once its options are checked: shared by the account and the organization scan.</summary>
internal sealed record ScanRun(Arguments Arguments, string Format, string? FailOn, BaselineConfiguration Configuration, string OutDir, RunHistory History,
    TextWriter Stdout, TextWriter Stderr, TimeProvider Time, CliEnvironment Environment)
{
    /// <summary><c>--docs-url</c>: where rules' pages are published, for the reports' links (checked by the scan).</summary>
    public string? DocsUrl => Arguments.Single("--docs-url");
}
