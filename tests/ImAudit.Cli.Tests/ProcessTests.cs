using System.Diagnostics;

namespace ImAudit.Cli.Tests;

/// <summary>The built `imaudit` program, run as a separate process the way scripts and CI run it.</summary>
public class ProcessTests
{
    [Fact]
    public void The_program_prints_to_stdout_and_returns_the_exit_code()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "imaudit.dll"), "expand", "ssm-contacts:Start*", "--format", "json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("\"ssm-contacts:StartEngagement\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void No_arguments_is_a_usage_error()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "imaudit.dll")]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Usage:\n  imaudit [command] [options]", stderr, StringComparison.Ordinal);
    }
}
