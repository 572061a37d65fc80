namespace ImAudit.Cli;

/// <summary>
/// What the CLI takes from its surroundings: environment variables, whether stderr is a terminal, and (for
/// tests only) the HTTP handler the AWS clients use and the clock (the system's when null).
/// </summary>
internal sealed record CliEnvironment(IReadOnlyDictionary<string, string> Variables, bool Interactive, HttpMessageHandler? Handler = null, TimeProvider? Clock = null)
{
    public static CliEnvironment FromProcess() => new(
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal),
        !Console.IsErrorRedirected);
}
