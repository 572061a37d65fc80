using System.Diagnostics;
using System.Text;

namespace ImAudit.Function.Tests;

/// <summary>Starts the bootstrap as Lambda does: the runtime API's address and only the given AWS_/IMAUDIT_ variables; its output collected.</summary>
internal static class BootstrapProcess
{
    public static Process Start(string bootstrap, Uri runtimeApi, IEnumerable<(string Name, string Value)> environment, StringBuilder output)
    {
        var start = new ProcessStartInfo(bootstrap) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("IMAUDIT_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = $"{runtimeApi.Host}:{runtimeApi.Port}";
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
