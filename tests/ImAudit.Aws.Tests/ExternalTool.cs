using System.Diagnostics;

namespace ImAudit.Aws.Tests;

/// <summary>
/// Runs a real program (the AWS CLI, moto_server) with a controlled environment. A missing program fails the
/// test with how to install it: these tools are part of the test setup, not optional.
/// </summary>
internal static class ExternalTool
{
    public const string Install = "install the test tools with `pip install \"moto[server]\" awscli` (see README)";

    public static string Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"`{name}` is not on PATH; {Install}");

    public static (int ExitCode, string Stdout, string Stderr) Run(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(Find(program)) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{program} {string.Join(' ', args)}` did not finish in time");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
