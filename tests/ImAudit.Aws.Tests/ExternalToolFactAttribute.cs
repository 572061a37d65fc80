namespace ImAudit.Aws.Tests;

/// <summary>
/// A test that needs programs outside .NET (moto_server, python3, cfn-lint, npm): skipped with the reason on a developer
/// machine that lacks one, never under <c>CI=true</c>, where the missing program fails the test instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ExternalToolFactAttribute : FactAttribute
{
    public ExternalToolFactAttribute(params string[] tools)
    {
        if (Missing(tools) is { } missing && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Skip = $"`{missing}` is not on PATH (install moto[server], awscli, cfn-lint and node/npm; under CI=true this fails)";
    }

    public static string? Missing(IEnumerable<string> tools) =>
        tools.FirstOrDefault(tool => !(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool))));
}
