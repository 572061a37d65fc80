using System.Text.Json;
using System.Text.Json.Nodes;
using ImAudit.Aws.Tests;

namespace ImAudit.Function.Tests;

/// <summary>
/// statemachine/organization-audit.asl.json: valid by the npm package asl-validator (pinned in tests/statemachine), and
/// run by moto_server's Step Functions interpreter: listing the accounts page by page through the aws-sdk
/// Organizations integration, a distributed map invoking the function per account (moto's Docker-free Lambda), a
/// failed account caught into its result, a suspended one skipped, and the aggregate step invoked with them all.
/// </summary>
public sealed class StateMachineTests
{
    private static readonly string Root = BootstrapFixture.RepositoryRoot();
    private static readonly string Definition = Path.Combine(Root, "statemachine", "organization-audit.asl.json");

    private static string Substituted() =>
        File.ReadAllText(Definition).Replace("${AuditFunctionArn}", "arn:aws:lambda:us-east-1:999900001111:function:imaudit-imaudit", StringComparison.Ordinal)
            .Replace("${MemberRoleName}", "ImAuditMemberRole", StringComparison.Ordinal).Replace("${Partition}", "aws", StringComparison.Ordinal)
            .Replace("${MaxConcurrency}", "8", StringComparison.Ordinal);

    [ExternalToolFact("npm", "node")]
    public void The_definition_is_valid_amazon_states_language_before_and_after_the_substitutions()
    {
        var tools = Path.Combine(Root, "tests", "statemachine");
        var (install, installOutput) = TemplateTests.Run("npm", "ci", "--prefix", tools, "--no-audit", "--no-fund");
        Assert.True(install == 0, $"npm ci in tests/statemachine failed: {installOutput}");
        var substituted = Path.Combine(Path.GetTempPath(), $"imaudit-{Guid.NewGuid():N}.asl.json");
        File.WriteAllText(substituted, Substituted());
        try
        {
            var validator = Path.Combine(tools, "node_modules", ".bin", "asl-validator");
            var (code, output) = TemplateTests.Run(validator, "--json-path", Definition, "--json-path", substituted);

            Assert.True(code == 0, $"asl-validator: {output}");
        }
        finally
        {
            File.Delete(substituted);
        }
    }

    [Fact]
    public void Placeholders_sit_only_inside_strings_so_the_file_stays_json()
    {
        var placeholders = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(Definition), @"\$\{(\w+)\}").Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(["AuditFunctionArn", "MaxConcurrency", "MemberRoleName", "Partition"], placeholders);
        Assert.NotNull(JsonNode.Parse(File.ReadAllText(Definition)));
        Assert.Equal("States.StringToJson('8')", (string?)JsonNode.Parse(Substituted())!["States"]!["Configure"]!["Parameters"]!["maxConcurrency.$"]);
    }

    [ExternalToolFact("moto_server", "python3")]
    public async Task Moto_runs_the_definition_over_every_page_of_accounts_with_failures_caught_and_inactive_accounts_skipped()
    {
        var (moto, url) = await MotoFixture.StartServerAsync();
        try
        {
            // 24 members and the management account: two pages of 20; one canned answer that is no audit summary.
            var (code, stdout, stderr) = ExternalTool.Run("python3", [Path.Combine(AppContext.BaseDirectory, "Template", "run_organization_audit.py"), url, Definition, "24", "1"],
                new Dictionary<string, string>(), TimeSpan.FromMinutes(5));
            Assert.True(code == 0, $"running the state machine in moto failed: {stderr}");
            var run = JsonNode.Parse(stdout)!;

            Assert.True((string?)run["status"] == "SUCCEEDED", $"{run["error"]}: {run["cause"]}");
            var aggregate = run["output"]!["aggregate"]!;
            Assert.Equal("aggregate", (string?)aggregate["action"]);
            var request = Aws.Pipeline.AuditRequest.Parse(JsonSerializer.SerializeToUtf8Bytes(aggregate), out var error);
            Assert.Null(error);
            var results = request.Aggregate!.Results;
            var everyone = run["members"]!.AsArray().Select(m => (string)m!).Append((string)run["management"]!).Order(StringComparer.Ordinal);
            Assert.Equal(everyone, results.Select(r => r.AccountId).Order(StringComparer.Ordinal));
            Assert.Equal([(string)run["suspended"]!], results.Where(r => r.Status == "skipped").Select(r => r.AccountId));
            var failed = Assert.Single(results, r => r.Status == "failed");
            Assert.Equal("States.Runtime", failed.Error);
            Assert.Equal(23, results.Count(r => r.Status == "audited"));
            Assert.Contains("MapRunStarted", run["events"]!.AsArray().Select(e => (string?)e));
            // Two pages: the results nest one level per page.
            Assert.Equal(2, aggregate["results"]!.AsArray().Count);
        }
        finally
        {
            moto.Kill(entireProcessTree: true);
            moto.Dispose();
        }
    }
}
