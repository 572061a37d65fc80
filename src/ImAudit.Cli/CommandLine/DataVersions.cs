using System.Reflection;
using ImAudit.Engine;

namespace ImAudit.Cli.CommandLine;

/// <summary><c>imaudit --version</c>: ImAudit's version, then one line per data set it embeds.</summary>
internal static class DataVersions
{
    public static string Program =>
        typeof(DataVersions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(DataVersions).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The embedded data, one line each (the engine says; a new embedded data set adds its line there).</summary>
    public static IEnumerable<string> Lines() => PolicyEngine.DataVersions();

    public static void Write(TextWriter output)
    {
        output.WriteLine($"imaudit {Program}");
        foreach (var line in Lines())
            output.WriteLine(line);
    }
}
