using System.Text.Json;

namespace ImAudit.Cli.Tests;

public class SimulateCommandTests
{
    private const string Plan = "arn:aws:ssm-incidents::111122223333:response-plan/payments-api";

    private static CliResult Simulate(params string[] extra) =>
        CliRunner.Run(["simulate", "--policy", CliRunner.Fixture("responders.json"), .. extra]);

    [Fact]
    public void Json_gives_decision_conditional_flag_and_statements()
    {
        var result = Simulate("--action", "ssm-incidents:StartIncident", "--resource", Plan, "--context", "aws:SourceIp=203.0.113.10", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Golden.AssertMatches("simulate-allowed.json", result.Stdout.Replace(CliRunner.Fixture(""), "Fixtures", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("203.0.113.10", "allowed", false)]
    [InlineData("198.51.100.7", "explicit-deny", false)]
    [InlineData(null, "allowed", true)]
    public void Ip_condition_decides_when_the_context_gives_the_address(string? ip, string decision, bool conditional)
    {
        string[] context = ip is null ? [] : ["--context", $"aws:SourceIp={ip}"];

        var result = Simulate(["--action", "ssm-incidents:StartIncident", "--resource", Plan, .. context, "--format", "json"]);

        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(decision, json.RootElement.GetProperty("decision").GetString());
        Assert.Equal(conditional, json.RootElement.GetProperty("conditional").GetBoolean());
    }

    [Theory]
    [InlineData("payments", "allowed")]
    [InlineData("search", "implicit-deny")]
    public void Policy_variables_use_the_given_context(string team, string decision)
    {
        var result = Simulate("--action", "ssm-incidents:UpdateResponsePlan", "--resource", Plan,
            "--context", $"aws:PrincipalTag/team={team}", "--context", "aws:SourceIp=203.0.113.1", "--format", "json");

        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(decision, json.RootElement.GetProperty("decision").GetString());
    }

    [Fact]
    public void Text_names_the_deciding_statement()
    {
        var result = Simulate("--action", "ssm-incidents:GetIncidentRecord", "--resource", "arn:aws:ssm-incidents::111122223333:incident-record/payments-api/1", "--context", "aws:SourceIp=198.51.100.7");

        Golden.AssertMatches("simulate-denied.txt", result.Stdout.Replace(CliRunner.Fixture(""), "Fixtures", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "simulate", "--action", "a:b", "--resource", "*" }, "simulate needs at least one `--policy FILE`")]
    [InlineData(new[] { "simulate", "--policy", "x.json", "--resource", "*" }, "option `--action` is required")]
    [InlineData(new[] { "simulate", "--policy", "x.json", "--action", "a:b", "--resource", "*", "--context", "novalue" }, "must be KEY=VALUE")]
    public void Usage_errors_exit_2(string[] args, string message)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }
}
