using System.Diagnostics;

namespace ImAudit.Engine.Tests.Differential;

/// <summary>
/// Runs node and npm for the differential test (tests/differential), the way ImAudit.Aws.Tests' ExternalTool
/// runs the AWS CLI: a real program with a time limit, its output captured.
/// </summary>
internal static class NodeTool
{
    public const string Install = "install Node.js 20+ and npm (Debian: `apt-get install nodejs npm`)";

    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    public static (int ExitCode, string Stdout, string Stderr) Run(string program, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var path = Find(program) ?? throw new InvalidOperationException($"`{program}` is not on PATH; {Install}");
        var start = new ProcessStartInfo(path) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{program} {string.Join(' ', args)}` did not finish in {timeout.TotalSeconds:0} s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>
/// A fact that needs node and npm. Without them it is skipped on a developer's machine, but not on CI
/// (<c>CI=true</c>): there the test runs and fails, saying what to install, so a CI image without Node.js
/// cannot pass silently.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        var missing = new[] { "node", "npm" }.Where(p => NodeTool.Find(p) is null).ToList();
        if (missing.Count > 0 && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Skip = $"{string.Join(" and ", missing)} not on PATH ({NodeTool.Install}); on CI (CI=true) this test fails instead";
    }
}
