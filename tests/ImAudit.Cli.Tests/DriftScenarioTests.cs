using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImAudit.Cli.Tests;

/// <summary>
/// The drift story end to end: scan an account, change it (a customer policy gains DeleteResponsePlan, a policy with
/// ssm-incidents:* is attached to a role, AWS moves AWSIncidentManagerResolverAccess from v1 to v2), scan again with
/// --previous: IMA601, IMA602 and IMA605 name what changed, and the new findings are listed.
/// </summary>
public sealed class DriftScenarioTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "imaudit-drift-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
            Directory.Delete(_out, recursive: true);
    }

    private static JsonObject Policy(string name, string version, params string[] actions) => new()
    {
        ["name"] = name, ["arn"] = name.StartsWith("AWS", StringComparison.Ordinal) ? $"arn:aws:iam::aws:policy/{name}" : $"arn:aws:iam::111122223333:policy/{name}",
        ["path"] = "/", ["defaultVersionId"] = version,
        ["versions"] = new JsonArray(new JsonObject
        {
            ["versionId"] = version, ["isDefault"] = true,
            ["document"] = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(new JsonObject { ["Effect"] = "Allow", ["Action"] = new JsonArray([.. actions.Select(a => (JsonNode)a)]), ["Resource"] = "*" }) },
        }),
    };

    private static JsonObject Resolver(string version)
    {
        var embedded = Engine.Baselines.ManagedBaselines.Find($"AWSIncidentManagerResolverAccess@{version}")!;
        var policy = Policy("AWSIncidentManagerResolverAccess", version);
        policy["versions"]![0]!["document"] = JsonNode.Parse(embedded.DocumentJson);
        return policy;
    }

    private string Account(bool changed)
    {
        var account = new JsonObject
        {
            ["schemaVersion"] = "1", ["accountId"] = "111122223333", ["partition"] = "aws",
            ["users"] = new JsonArray(
                new JsonObject { ["name"] = "bob", ["arn"] = "arn:aws:iam::111122223333:user/bob", ["path"] = "/", ["attachedPolicies"] = new JsonArray(new JsonObject { ["name"] = "Responders", ["arn"] = "arn:aws:iam::111122223333:policy/Responders" }) },
                new JsonObject { ["name"] = "alice", ["arn"] = "arn:aws:iam::111122223333:user/alice", ["path"] = "/", ["attachedPolicies"] = new JsonArray(new JsonObject { ["name"] = "AWSIncidentManagerResolverAccess", ["arn"] = "arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess" }) }),
            ["roles"] = new JsonArray(new JsonObject
            {
                ["name"] = "ops", ["arn"] = "arn:aws:iam::111122223333:role/ops", ["path"] = "/",
                ["trustPolicy"] = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(new JsonObject { ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["Service"] = "ec2.amazonaws.com" }, ["Action"] = "sts:AssumeRole" }) },
                ["attachedPolicies"] = changed ? new JsonArray(new JsonObject { ["name"] = "IncidentAdmin", ["arn"] = "arn:aws:iam::111122223333:policy/IncidentAdmin" }) : new JsonArray(),
            }),
            ["policies"] = new JsonArray(
                changed ? Policy("Responders", "v2", "ssm-incidents:GetResponsePlan", "ssm-incidents:DeleteResponsePlan") : Policy("Responders", "v1", "ssm-incidents:GetResponsePlan"),
                Policy("IncidentAdmin", "v1", "ssm-incidents:*"),
                Resolver(changed ? "v2" : "v1")),
        };
        Directory.CreateDirectory(_out);
        var path = Path.Combine(_out, changed ? "after.json" : "before.json");
        File.WriteAllText(path, account.ToJsonString());
        return path;
    }

    [Fact]
    public void Changing_the_account_between_two_scans_reports_IMA601_IMA602_and_IMA605_and_the_new_findings()
    {
        Assert.Equal(0, CliRunner.Run("scan", Account(changed: false), "--out", Path.Combine(_out, "monday")).ExitCode);

        var result = CliRunner.Run("scan", Account(changed: true), "--previous", Path.Combine(_out, "monday"), "--out", Path.Combine(_out, "tuesday"), "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var report = JsonDocument.Parse(result.Stdout);
        var findings = report.RootElement.GetProperty("findings").EnumerateArray().ToList();
        string Message(string rule, string resource) => findings.Single(f => f.GetProperty("ruleId").GetString() == rule && f.GetProperty("resource").GetString()!.EndsWith(resource, StringComparison.Ordinal)).GetProperty("message").GetString()!;
        Assert.Contains("moved from v1 to v2", Message("IMA601", "policy/AWSIncidentManagerResolverAccess"), StringComparison.Ordinal);
        Assert.Contains("`ssm-contacts:StartEngagement`", Message("IMA601", "policy/AWSIncidentManagerResolverAccess"), StringComparison.Ordinal);
        Assert.Contains("adds `ssm-incidents:DeleteResponsePlan`", Message("IMA602", "policy/Responders"), StringComparison.Ordinal);
        Assert.Contains("`ssm-incidents:DeleteResponsePlan`", Message("IMA605", "user/bob"), StringComparison.Ordinal);
        Assert.Contains("`ssm-contacts:StartEngagement`", Message("IMA605", "user/alice"), StringComparison.Ordinal);
        Assert.Contains("gained", Message("IMA605", "role/ops"), StringComparison.Ordinal);
        Assert.Contains("`IncidentAdmin` attached", Message("IMA603", "role/ops"), StringComparison.Ordinal);
        var newFindings = report.RootElement.GetProperty("drift").GetProperty("new").EnumerateArray().Select(e => e.GetString()).ToHashSet();
        Assert.All(findings.Where(f => f.GetProperty("ruleId").GetString()!.StartsWith("IMA6", StringComparison.Ordinal)), f => Assert.Contains(f.GetProperty("fingerprint").GetString(), newFindings));
        Assert.Contains("### New findings", File.ReadAllText(Path.Combine(_out, "tuesday", "report.md")), StringComparison.Ordinal);
    }
}
