using ImAudit.Engine.Baselines;

namespace ImAudit.Cli;

/// <summary>Reads <c>--baseline FILE</c>; policy files it names are read relative to it. Problems are usage errors (exit 2).</summary>
internal static class BaselineFile
{
    public static BaselineConfiguration Read(string? path, IReadOnlyList<string> extraTrustedAccounts)
    {
        var configuration = BaselineConfiguration.Empty;
        if (path is not null)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            var result = BaselineConfigurationReader.Read(PolicyFiles.ReadBytes(path), path, name =>
            {
                var file = Path.Combine(directory, name);
                return File.Exists(file) ? File.ReadAllBytes(file) : null;
            });
            configuration = result.Configuration ?? throw new UsageException(result.Errors[0] + (result.Errors.Length > 1 ? $" (and {result.Errors.Length - 1} more)" : ""));
        }
        return configuration.TrustingAlso(extraTrustedAccounts);
    }
}
