namespace ImAudit.Cli.Tests;

/// <summary>`--timeout` is read one way by every verb that takes it (it was parsed three times, one of them without the invariant culture).</summary>
public sealed class TimeoutOptionTests
{
    public static TheoryData<string[]> Verbs() =>
    [
        ["scan", "--live"],
        ["scan", "--live", "--organization"],
        ["invoke", CliRunner.Fixture("events/on-demand.json")],
    ];

    [Theory]
    [MemberData(nameof(Verbs))]
    public void A_timeout_that_is_not_a_positive_number_of_seconds_is_a_usage_error(string[] verb)
    {
        foreach (var bad in new[] { "0", "-5", "ten", "1.5", "+3" })
        {
            var result = CliRunner.Run([.. verb, "--timeout", bad], new Dictionary<string, string>());
            Assert.Equal(2, result.ExitCode);
            Assert.Equal($"imaudit: --timeout `{bad}` is not a number of seconds", result.Stderr.Trim());
        }
    }
}
