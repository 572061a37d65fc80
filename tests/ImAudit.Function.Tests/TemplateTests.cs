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

    // An organization's aggregate step needs more than one account's audit: memory and timeout are parameters, with
    // the single-account sizing as their defaults.
    [Fact]
    public void Memory_and_timeout_are_parameters_defaulting_to_the_single_account_sizing()
    {
        var template = Template();
        var properties = template["Resources"]!["AuditFunction"]!["Properties"]!;

        Assert.Equal("FunctionMemorySize", (string?)properties["MemorySize"]!["Ref"]);
        Assert.Equal("FunctionTimeout", (string?)properties["Timeout"]!["Ref"]);
        Assert.Equal((1024, 10240), ((int)template["Parameters"]!["FunctionMemorySize"]!["Default"]!, (int)template["Parameters"]!["FunctionMemorySize"]!["MaxValue"]!));
        Assert.Equal((600, 900), ((int)template["Parameters"]!["FunctionTimeout"]!["Default"]!, (int)template["Parameters"]!["FunctionTimeout"]!["MaxValue"]!));
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

    [Theory]
    [InlineData("arn:aws:iam::222233334444:role/ImAuditReader", "222233334444")]
    [InlineData("", "111122223333")]
    public void Regression_the_new_findings_alarm_watches_the_account_the_metrics_name(string auditRoleArn, string audited)
    {
        // The EMF line's dimension is the audited account (the account the collection reached).
        var summary = new Aws.Pipeline.AuditSummary(audited, "schedule", true, false, 0, 0, 0, 0, 0, 0, [], true, 1);
        using var emf = JsonDocument.Parse(Aws.Pipeline.Metrics.Line(summary, DateTimeOffset.UnixEpoch));
        var dimension = emf.RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Dimensions")[0][0].GetString()!;
        var metrics = Template()["Resources"]!["NewHighFindingsAlarm"]!["Properties"]!["Metrics"]!.AsArray().Where(m => m!["MetricStat"] is not null).ToList();
        var parameters = new Dictionary<string, string> { ["AuditRoleArn"] = auditRoleArn, ["AWS::AccountId"] = "111122223333" };

        Assert.Equal(2, metrics.Count);
        Assert.All(metrics, m =>
        {
            var watched = Assert.Single(m!["MetricStat"]!["Metric"]!["Dimensions"]!.AsArray());
            Assert.Equal(dimension, (string?)watched!["Name"]);
            Assert.Equal(emf.RootElement.GetProperty(dimension).GetString(), Resolve(watched["Value"]!, parameters));
        });
    }

    // The template set neither IMAUDIT_DOCS_URL nor IMAUDIT_BASELINE: a deployed function could not link its rules'
    // pages or read a baseline configuration, though the README lists both among the settings the template sets.
    [Fact]
    public void Regression_the_template_sets_every_setting_the_function_reads()
    {
        var asked = new AskedFor();
        Aws.Pipeline.FunctionSettings.FromEnvironment(asked);
        var variables = Template()["Resources"]!["AuditFunction"]!["Properties"]!["Environment"]!["Variables"]!.AsObject();

        Assert.Contains("IMAUDIT_DOCS_URL", asked.Keys);
        Assert.Empty(asked.Keys.Where(k => k.StartsWith("IMAUDIT_", StringComparison.Ordinal)).Except(variables.Select(v => v.Key)));
        Assert.Equal("""{"Ref":"DocsUrl"}""", variables["IMAUDIT_DOCS_URL"]!.ToJsonString());
        Assert.Equal("""{"Ref":"BaselineKey"}""", variables["IMAUDIT_BASELINE"]!.ToJsonString());
    }

    // An environment that holds nothing and remembers what it was asked for.
    private sealed class AskedFor : IReadOnlyDictionary<string, string>
    {
        private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

        public IEnumerable<string> Keys => _asked;

        public IEnumerable<string> Values => [];

        public int Count => 0;

        public string this[string key] => throw new KeyNotFoundException(key);

        public bool ContainsKey(string key) => _asked.Add(key) && false;

        public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value)
        {
            _asked.Add(key);
            value = null;
            return false;
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => Enumerable.Empty<KeyValuePair<string, string>>().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Fact]
    public void Regression_the_function_writes_only_its_runs_and_snapshots_and_every_run_expires()
    {
        var function = Template()["Resources"]!["AuditFunction"]!["Properties"]!;
        var prefix = (string)function["Environment"]!["Variables"]!["IMAUDIT_REPORT_PREFIX"]!;
        var parameters = new Dictionary<string, string> { ["ReportBucket.Arn"] = "arn:aws:s3:::imaudit-reports" };
        var writes = Statements().Where(s => Actions(s["Action"]!).Any(a => a.StartsWith("s3:Put", StringComparison.Ordinal))).ToList();
        var rules = Template()["Resources"]!["ReportBucket"]!["Properties"]!["LifecycleConfiguration"]!["Rules"]!.AsArray();

        var write = Assert.Single(writes);
        Assert.Equal(["s3:PutObject"], Actions(write["Action"]!));
        Assert.Equal([$"arn:aws:s3:::imaudit-reports/{prefix}runs/*", $"arn:aws:s3:::imaudit-reports/{prefix}snapshots/*"],
            write["Resource"]!.AsArray().Select(r => Resolve(r!, parameters)));
        // On-demand runs (any reportPrefix) are written under <prefix>runs/ too, so this rule expires them all.
        Assert.Contains(rules, r => (string?)r!["Prefix"] == $"{prefix}runs/" && r["ExpirationInDays"] is not null);
    }

    // The few intrinsics the checked values use: Ref, Fn::If on AssumesRole, Fn::Select, Fn::Split, Fn::Sub.
    private static string Resolve(JsonNode node, IReadOnlyDictionary<string, string> parameters) => node switch
    {
        JsonValue value => value.ToString(),
        JsonObject o when o["Ref"] is { } name => parameters[(string)name!],
        JsonObject o when o["Fn::If"] is JsonArray branches =>
            Resolve(parameters.GetValueOrDefault("AuditRoleArn", "") != "" ? branches[1]! : branches[2]!, parameters),
        JsonObject o when o["Fn::Select"] is JsonArray select =>
            Resolve(select[1]!, parameters).Split('\u0001')[int.Parse(Resolve(select[0]!, parameters), System.Globalization.CultureInfo.InvariantCulture)],
        JsonObject o when o["Fn::Split"] is JsonArray split => Resolve(split[1]!, parameters).Replace(Resolve(split[0]!, parameters), "\u0001", StringComparison.Ordinal),
        JsonObject o when o["Fn::Sub"] is JsonValue text => System.Text.RegularExpressions.Regex.Replace((string)text!, @"\$\{([^}]+)\}", m => parameters[m.Groups[1].Value]),
        _ => throw new InvalidOperationException($"no resolution for {node.ToJsonString()}"),
    };

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
