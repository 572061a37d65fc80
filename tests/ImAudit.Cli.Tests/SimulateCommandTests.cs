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

    private const string SharedPlan = "arn:aws:ssm-incidents::111122223333:response-plan/Example-Response-Plan";
    private const string MemberRole = "arn:aws:iam::222233334444:role/Responder";

    [Fact]
    public void Cross_account_needs_both_halves_and_says_which_side_is_missing()
    {
        var share = CliRunner.Fixture("response-plan-share.json");

        var identityOnly = Simulate("--action", "ssm-incidents:StartIncident", "--resource", SharedPlan, "--principal", MemberRole,
            "--context", "aws:SourceIp=203.0.113.10");
        var both = Simulate("--action", "ssm-incidents:StartIncident", "--resource", SharedPlan, "--principal", MemberRole,
            "--context", "aws:SourceIp=203.0.113.10", "--resource-policy", share);

        Assert.Equal(0, identityOnly.ExitCode);
        Assert.StartsWith("decision: implicit-deny", identityOnly.Stdout, StringComparison.Ordinal);
        Assert.Contains("no resource policy of account 111122223333 was given", identityOnly.Stdout, StringComparison.Ordinal);
        Golden.AssertMatches("simulate-cross-account.txt", both.Stdout.Replace(CliRunner.Fixture(""), "Fixtures", StringComparison.Ordinal));
    }

    [Fact]
    public void Resource_policy_alone_does_not_let_another_account_in()
    {
        var result = CliRunner.Run(["simulate", "--resource-policy", CliRunner.Fixture("response-plan-share.json"), "--action", "ssm-incidents:StartIncident",
            "--resource", SharedPlan, "--principal", MemberRole, "--format", "json"]);

        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("implicit-deny", json.RootElement.GetProperty("decision").GetString());
        Assert.True(json.RootElement.GetProperty("crossAccount").GetBoolean());
        Assert.Equal(["identity"], json.RootElement.GetProperty("decidedBy").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("account", json.RootElement.GetProperty("matchedStatements")[0].GetProperty("principalMatch").GetString());
    }

    [Fact]
    public void Tag_keys_on_incident_manager_actions_and_unknown_actions_are_flagged()
    {
        var tag = Simulate("--action", "ssm-incidents:StartIncident", "--resource", Plan, "--context", "aws:SourceIp=203.0.113.10",
            "--context", "aws:ResourceTag/team=payments", "--format", "json");
        var unknown = Simulate("--action", "ssm-incidents:StartIncidents", "--resource", Plan, "--context", "aws:SourceIp=203.0.113.10");

        Assert.Contains("Incident Manager never sends `aws:ResourceTag/team` with `ssm-incidents:StartIncident`", tag.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(tag.Stdout);
        Assert.Single(json.RootElement.GetProperty("warnings").EnumerateArray());
        Assert.Contains("`ssm-incidents:StartIncidents` is not an action in the catalogue", unknown.Stderr, StringComparison.Ordinal);
        // `ssm-incidents:*IncidentRecord` does not match it, but the policy's other wildcards could: the warning stands either way.
        Assert.Equal(0, unknown.ExitCode);
    }

    [Theory]
    [InlineData(new[] { "simulate", "--action", "a:b", "--resource", "*" }, "simulate needs at least one `--policy FILE`")]
    [InlineData(new[] { "simulate", "--resource-policy", "x.json", "--action", "a:b", "--resource", "*", "--principal", "bob" }, "`--principal bob` is not a principal")]
    [InlineData(new[] { "simulate", "--policy", "x.json", "--resource", "*" }, "option `--action` is required")]
    [InlineData(new[] { "simulate", "--policy", "x.json", "--action", "a:b", "--resource", "*", "--context", "novalue" }, "must be KEY=VALUE")]
    public void Usage_errors_exit_2(string[] args, string message)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    // Regression (found by the fuzz test, issue 13): a key with a line break was written raw in the location (its
    // JSON Pointer) of a message, which then took two lines; and in check-policy's text output.
    [Theory]
    [InlineData("simulate")]
    [InlineData("compare")]
    [InlineData("check-policy")]
    public void Regression_a_key_with_a_line_break_stays_on_the_message_line(string verb)
    {
        var dir = Directory.CreateTempSubdirectory("imaudit-simulate-").FullName;
        var policy = Path.Combine(dir, "policy.json");
        File.WriteAllText(policy, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"*","\r\n# x":1,"\r\n# x":2}]}""");
        string[] args = verb switch
        {
            "simulate" => ["simulate", "--policy", policy, "--action", "ssm-incidents:StartIncident", "--resource", "*"],
            "compare" => ["compare", policy, "--baseline", "AWSIncidentManagerResolverAccess"],
            _ => ["check-policy", policy],
        };

        var result = CliRunner.Run(args);
        Directory.Delete(dir, recursive: true);

        var lines = (result.Stdout + result.Stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(lines, l => l.StartsWith("# x", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("`/Statement/0/\\r\\n# x`", StringComparison.Ordinal));
    }
}
