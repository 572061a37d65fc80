using ImAudit.Cli.CommandLine;
using ImAudit.Engine;
using ImAudit.Engine.Baselines;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Policies;

namespace ImAudit.Cli.Commands;

/// <summary>
/// <c>imaudit compare FILE... --baseline NAME|NAME@vN|FILE [--service PREFIX...] [--fail-on-excess] [--format text|json]</c>
/// </summary>
internal static class CompareCommand
{
    public static Verb Verb { get; } = new("compare", "Effective Incident Manager access of policies minus a baseline: the exact excess.",
        "FILE", "identity policy files (their union is compared)",
        [
            VerbOption.Valued("--baseline", "NAME|NAME@vN|FILE", "a managed policy (optionally a version) or a policy file"),
            VerbOption.Valued("--service", "PREFIX", "compare this service only (repeatable; default every Incident Manager service)"),
            VerbOption.Flag("--fail-on-excess", "exit 1 when anything is in excess"),
            VerbOption.Format("text", "json"),
        ],
        (a, c) => Run(a, c.Stdout, c.Stderr));

    public static int Run(Arguments arguments, TextWriter stdout, TextWriter stderr)
    {
        var format = arguments.Format("text", "json");
        if (arguments.Positionals.Count == 0)
            throw new UsageException("compare needs at least one policy file");
        var policies = arguments.Positionals.Select(p => PolicyFiles.Read(p, PolicyKind.Identity, stderr)).ToList();
        var (baselineName, baseline) = Baseline(arguments.Required("--baseline"), stderr);
        var engine = new PolicyEngine(IamCatalog.Default);
        var services = Services(arguments.All("--service"), engine.Catalog);
        var result = engine.Compare(policies, baseline, baselineName, services);
        if (format == "json")
            JsonOutput.Write(stdout, result.WriteJson);
        else
            result.WriteText(stdout);
        return arguments.Has("--fail-on-excess") && !result.IsSubset ? ExitCodes.FindingsAtOrAboveThreshold : ExitCodes.Ok;
    }

    private static (string Name, PolicyDocument Document) Baseline(string reference, TextWriter stderr)
    {
        if (ManagedBaselines.Find(reference) is { } managed)
            return (managed.QualifiedName, managed.Document);
        if (File.Exists(reference))
            return (reference, PolicyFiles.Read(reference, PolicyKind.Identity, stderr));
        var known = string.Join(", ", ManagedBaselines.Names.Select(n => $"`{n}`"));
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at > 0 && ManagedBaselines.Find(reference[..at]) is not null)
        {
            var versions = string.Join(", ", ManagedBaselines.Versions(ManagedBaselines.Find(reference[..at])!.PolicyName).Select(v => v.VersionId));
            throw new UsageException($"baseline `{reference}`: no such version (known: {versions})");
        }
        throw new UsageException($"baseline `{reference}` is neither a known managed policy ({known}) nor a readable file");
    }

    private static List<string>? Services(IReadOnlyList<string> requested, IamCatalog catalog)
    {
        if (requested.Count == 0)
            return null;
        foreach (var prefix in requested)
        {
            if (catalog.ServicePrefix(prefix) is null)
                throw new UsageException($"`--service {prefix}` is not a service prefix in the catalogue");
        }
        return requested.Select(p => catalog.ServicePrefix(p)!).Distinct().ToList();
    }
}
