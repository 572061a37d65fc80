namespace ImAudit.Cli.Tests;

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);

internal static class CliRunner
{
    public static CliResult Run(params string[] args) => Run(args, null);

    /// <summary>Runs with exactly these environment variables (nothing from the test process).</summary>
    public static CliResult Run(string[] args, IReadOnlyDictionary<string, string>? environment)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var code = environment is null
            ? Cli.Run(args, stdout, stderr)
            : Cli.Run(args, stdout, stderr, new CliEnvironment(environment, Interactive: false));
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}

/// <summary>
/// Golden files: whole outputs compared exactly. Set IMAUDIT_UPDATE_GOLDEN=1 to rewrite them in the source
/// tree, then review the diff like code.
/// </summary>
internal static class Golden
{
    public static void AssertMatches(string name, string actual)
    {
        var source = Path.Combine(SourceDirectory(), "Golden", name);
        if (Environment.GetEnvironmentVariable("IMAUDIT_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(source, actual);
            return;
        }
        Assert.True(File.Exists(source), $"golden file `{name}` is missing; run the tests with IMAUDIT_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(source), actual);
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
