namespace ImAudit.Cli;

/// <summary>The exit codes of the CLI contract (docs: CLI.md in the spec, README "Exit codes").</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int FindingsAtOrAboveThreshold = 1;
    public const int UsageOrUnreadableInput = 2;
    public const int Incomplete = 3;
}

/// <summary>A usage error or unreadable input: printed as one line on stderr, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
