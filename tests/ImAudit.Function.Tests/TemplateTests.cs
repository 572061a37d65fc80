using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImAudit.Engine;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Policies;

namespace ImAudit.Function.Tests;

/// <summary>template.yaml (and deploy/member-role.yaml): clean under cfn-lint, and its execution role exactly what collection and reporting need.</summary>
public sealed class TemplateTests
{
    private static readonly string TemplatePath = Path.Combine(BootstrapFixture.RepositoryRoot(), "template.yaml");

    internal static (int Code, string Output) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"`{program}` did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + errors.Result);
    }

    internal static JsonNode Template()
    {
        var (code, output) = Run("python3", Path.Combine(AppContext.BaseDirectory, "Template", "cfn_to_json.py"), TemplatePath);
        Assert.True(code == 0, output);
        return JsonNode.Parse(output)!;
    }

    [Fact]
    public void Cfn_lint_passes_with_no_errors_or_warnings()
    {
        var (code, output) = Run("cfn-lint", TemplatePath, Path.Combine(BootstrapFixture.RepositoryRoot(), "deploy", "member-role.yaml"));

        Assert.True(code == 0, $"cfn-lint {code}: {output} (install with `pip install cfn-lint`)");
        Assert.Equal("", output.Trim());
    }

    [Fact]
    public void The_function_is_the_bootstrap_on_a_custom_runtime_built_by_the_makefile()
    {
        var function = Template()["Resources"]!["AuditFunction"]!;

        Assert.Equal("makefile", (string?)function["Metadata"]!["BuildMethod"]);
        Assert.Equal("bootstrap", (string?)function["Properties"]!["Handler"]);
        Assert.Equal("provided.al2023", (string?)function["Properties"]!["Runtime"]);
        Assert.Equal("ScheduleV2", (string?)function["Properties"]!["Events"]!["Daily"]!["Type"]);
        Assert.Equal("x86_64", (string?)Template()["Parameters"]!["Architecture"]!["Default"]);
    }

    [Fact]
    public void The_execution_role_grants_the_read_policy_and_the_bucket_writes_and_nothing_else()
    {
        var statements = Statements();
        var readPolicy = PolicyParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "imaudit-read-policy.json")), PolicyKind.Identity, "read");

        var granted = statements.SelectMany(s => Actions(s["Action"]!)).Order(StringComparer.Ordinal);
        var expected = readPolicy.Statements.SelectMany(s => s.Actions.Entries).Select(e => e.Text)
            .Concat(["s3:GetObject", "s3:PutObject", "s3:ListBucket", "sts:AssumeRole", "securityhub:BatchImportFindings"]).Order(StringComparer.Ordinal);

        Assert.Equal(expected, granted);
    }

    [Fact]
    public void ImAudit_finds_nothing_at_medium_or_above_in_its_own_execution_role()
    {
        // Resources given by intrinsics become the ARNs they resolve to in a deployment.
        var statements = Statements().Select(s =>
        {
            var copy = s.DeepClone().AsObject();
            copy["Resource"] = s["Resource"] is JsonValue ? s["Resource"]!.DeepClone()
                : Actions(s["Action"]!).Any(a => a == "sts:AssumeRole") ? "arn:aws:iam::222233334444:role/ImAuditReader"
                : Actions(s["Action"]!).Any(a => a.StartsWith("securityhub:", StringComparison.Ordinal)) ? "arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default"
                : Actions(s["Action"]!).Any(a => a == "s3:ListBucket") ? "arn:aws:s3:::imaudit-reports" : "arn:aws:s3:::imaudit-reports/*";
            return (JsonNode)copy;
        });
        var document = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray([.. statements]) };

        var result = new PolicyEngine(IamCatalog.Default).CheckPolicy(PolicyParser.Parse(document.ToJsonString(), PolicyKind.Identity, "template.yaml#AuditFunction"));

        Assert.DoesNotContain(result.Findings, f => f.Severity >= Engine.Findings.Severity.Medium);
    }

    /// <summary>
    /// The function's statements in single-account mode: a conditional statement (Fn::If) counts with its true branch,
    /// except the organization mode's (<see cref="OrganizationTemplateTests"/> holds those).
    /// </summary>
    internal static List<JsonNode> Statements(bool organization = false)
    {
        var policies = Template()["Resources"]!["AuditFunction"]!["Properties"]!["Policies"]!.AsArray();
        return [.. policies.Where(p => (p!["Fn::If"] is JsonArray c && (string?)c[0] == "Organization") == organization)
            .Select(p => p!["Fn::If"] is JsonArray branches ? branches[1]! : p!)
            .SelectMany(p => p["Statement"]!.AsArray()).Select(s => s!)];
    }

    internal static IEnumerable<string> Actions(JsonNode action) =>
        action is JsonArray list ? list.Select(a => (string)a!) : [(string)action!];
}
