using System.Reflection;
using ImAudit.Engine.Baselines;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.ManagedPolicies;

namespace ImAudit.Cli.CommandLine;

/// <summary><c>imaudit --version</c>: ImAudit's version, then one line per data set it embeds.</summary>
internal static class DataVersions
{
    public static string Program =>
        typeof(DataVersions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(DataVersions).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The embedded data, one line each; a new embedded data set adds its line here.</summary>
    public static IEnumerable<string> Lines()
    {
        var catalog = IamCatalog.Default;
        yield return $"action catalogue: {catalog.Source} ({catalog.ServiceCount} services, {catalog.ActionCount:N0} actions)";
        yield return $"AWS managed policies: {ManagedPolicyLibrary.DataVersion} ({ManagedPolicyLibrary.Count:N0} policies, every version)";
        yield return $"managed-policy baselines: {string.Join(", ", ManagedBaselines.Names.Select(n => ManagedBaselines.Versions(n)[^1].QualifiedName))}";
    }

    public static void Write(TextWriter output)
    {
        output.WriteLine($"imaudit {Program}");
        foreach (var line in Lines())
            output.WriteLine(line);
    }
}
