using System.Text.Json;

namespace ImAudit.Cli.Tests;

/// <summary>
/// Issue 13: authorization-details pages that disagree about one principal — the first file won silently. Now a
/// principal is audited with everything any file gives it, and each disagreement is one warning line.
/// </summary>
public sealed class PageMergeTests : IDisposable
{
    private const string Role = "arn:aws:iam::111122223333:role/Responder";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "imaudit-pages-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private static string Allow(string action) => $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"{{action}}","Resource":"*"}]}""";

    private static string Trust(string service) => $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"{{service}}"},"Action":"sts:AssumeRole"}]}""";

    private static string RolePage(string inline, string document, string trust, string? boundary = null) => $$"""
        {"RoleDetailList":[{"RoleName":"Responder","Arn":"{{Role}}","Path":"/","AssumeRolePolicyDocument":{{trust}},
          "RolePolicyList":[{"PolicyName":"{{inline}}","PolicyDocument":{{document}}}],"AttachedManagedPolicies":[]
          {{(boundary is null ? "" : $$""","PermissionsBoundary":{"PermissionsBoundaryType":"Policy","PermissionsBoundaryArn":"{{boundary}}"}""")}}}],
         "UserDetailList":[{"UserName":"ana","Arn":"arn:aws:iam::111122223333:user/ana","Path":"/","GroupList":[],"UserPolicyList":[],"AttachedManagedPolicies":[]}]}
        """;

    private (CliResult Result, JsonElement Inventory) Scan(params (string File, string Json)[] pages)
    {
        Directory.CreateDirectory(_folder);
        foreach (var (file, json) in pages)
            File.WriteAllText(Path.Combine(_folder, file), json);
        var result = CliRunner.Run("scan", _folder, "--out", Path.Combine(_folder, "out"));
        Assert.True(result.ExitCode is 0 or 1, result.Stderr);
        using var snapshot = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_folder, "out", "snapshot.json")));
        return (result, snapshot.RootElement.GetProperty("inventory").Clone());
    }

    private static JsonElement Responder(JsonElement inventory) =>
        inventory.GetProperty("roles").EnumerateArray().Single(r => r.GetProperty("arn").GetString() == Role);

    private static List<string> Warnings(CliResult result) =>
        [.. result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("imaudit: warning:", StringComparison.Ordinal))];

    [Fact]
    public void Regression_a_principal_the_pages_disagree_about_gets_what_either_gives_it_and_one_warning()
    {
        var (result, inventory) = Scan(
            ("a.json", RolePage("read", Allow("ssm-incidents:Get*"), Trust("ssm-incidents.amazonaws.com"))),
            ("b.json", RolePage("admin", Allow("ssm-incidents:*"), Trust("ec2.amazonaws.com"))));

        var warning = Assert.Single(Warnings(result));
        Assert.Equal($"imaudit: warning: `{Role}` differs between `{Path.Combine(_folder, "a.json")}` and `{Path.Combine(_folder, "b.json")}`; audited with everything either gives it", warning);
        var role = Responder(inventory);
        Assert.Equal(["read", "admin"], role.GetProperty("inlinePolicies").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var trusted = role.GetProperty("trustPolicy").GetProperty("Statement").EnumerateArray().Select(s => s.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal(["ssm-incidents.amazonaws.com", "ec2.amazonaws.com"], trusted);
        // ana is in both pages, the same: no warning, one user.
        Assert.Single(inventory.GetProperty("users").EnumerateArray());
        using var report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_folder, "out", "report.json")));
        Assert.Contains(report.RootElement.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("ruleId").GetString() == "IMA303" && f.GetProperty("resource").GetString() == Role);
    }

    [Fact]
    public void An_inline_policy_of_one_name_with_two_documents_keeps_both_the_later_named_by_its_file()
    {
        var (result, inventory) = Scan(
            ("a.json", RolePage("im", Allow("ssm-incidents:Get*"), Trust("ssm-incidents.amazonaws.com"))),
            ("b.json", RolePage("im", Allow("ssm-incidents:*"), Trust("ssm-incidents.amazonaws.com"))));

        Assert.Single(Warnings(result));
        var inline = Responder(inventory).GetProperty("inlinePolicies").EnumerateArray().ToList();
        Assert.Equal(["im", "im (b.json)"], inline.Select(p => p.GetProperty("name").GetString()));
        Assert.Equal("ssm-incidents:*", inline[1].GetProperty("document").GetProperty("Statement")[0].GetProperty("Action").GetString());
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:policy/Boundary", "arn:aws:iam::111122223333:policy/Boundary", "arn:aws:iam::111122223333:policy/Boundary")]
    [InlineData("arn:aws:iam::111122223333:policy/Boundary", null, null)]
    [InlineData("arn:aws:iam::111122223333:policy/Boundary", "arn:aws:iam::111122223333:policy/Other", null)]
    public void A_permissions_boundary_is_kept_only_when_every_page_names_it(string first, string? second, string? kept)
    {
        var (_, inventory) = Scan(
            ("a.json", RolePage("im", Allow("ssm-incidents:Get*"), Trust("ssm-incidents.amazonaws.com"), first)),
            ("b.json", RolePage("im", Allow("ssm-incidents:Get*"), Trust("ssm-incidents.amazonaws.com"), second)));

        Assert.Equal(kept, Responder(inventory).TryGetProperty("permissionsBoundary", out var b) ? b.GetString() : null);
    }

    [Fact]
    public void Pages_that_agree_merge_without_a_warning_whatever_their_whitespace()
    {
        var page = RolePage("im", Allow("ssm-incidents:Get*"), Trust("ssm-incidents.amazonaws.com"));

        var (result, inventory) = Scan(("a.json", page), ("b.json", System.Text.Json.Nodes.JsonNode.Parse(page)!.ToJsonString(Indented)));

        Assert.Empty(Warnings(result));
        Assert.Single(Responder(inventory).GetProperty("inlinePolicies").EnumerateArray());
    }

    [Fact]
    public void A_managed_policy_keeps_every_version_and_the_newest_default()
    {
        static string Page(string version, string document) => $$"""
            {"Policies":[{"PolicyName":"im","Arn":"arn:aws:iam::111122223333:policy/im","Path":"/","DefaultVersionId":"{{version}}",
              "PolicyVersionList":[{"VersionId":"{{version}}","IsDefaultVersion":true,"Document":{{document}}}]}],
             "UserDetailList":[{"UserName":"ana","Arn":"arn:aws:iam::111122223333:user/ana","Path":"/","GroupList":[],"UserPolicyList":[],
               "AttachedManagedPolicies":[{"PolicyName":"im","PolicyArn":"arn:aws:iam::111122223333:policy/im"}]}]}
            """;

        var (result, inventory) = Scan(("a.json", Page("v10", Allow("ssm-incidents:*"))), ("b.json", Page("v9", Allow("ssm-incidents:Get*"))));

        Assert.Single(Warnings(result));
        var policy = Assert.Single(inventory.GetProperty("policies").EnumerateArray());
        Assert.Equal("v10", policy.GetProperty("defaultVersionId").GetString());
        Assert.Equal(["v10", "v9"], policy.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("versionId").GetString()));
        Assert.Equal([true, false], policy.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("isDefault").GetBoolean()));
    }

    // Regression (found by the fuzz test): merging two trust policies of which one escapes a lone surrogate crashed.
    [Fact]
    public void Regression_pages_whose_trust_policies_escape_a_lone_surrogate_merge_without_crashing()
    {
        var odd = Trust("ssm-incidents.amazonaws.com").Replace("\"Allow\"", "\"Allow\",\"Sid\":\"\\ud800\"", StringComparison.Ordinal);

        var (result, inventory) = Scan(
            ("a.json", RolePage("im", Allow("ssm-incidents:Get*"), odd)),
            ("b.json", RolePage("im", Allow("ssm-incidents:Get*"), Trust("ec2.amazonaws.com"))));

        Assert.Single(Warnings(result));
        var trust = Responder(inventory).GetProperty("trustPolicy").GetRawText();
        Assert.Contains("ud800", trust, StringComparison.Ordinal);
        Assert.Contains("ec2.amazonaws.com", trust, StringComparison.Ordinal);
    }

    [Fact]
    public void One_file_that_lists_an_arn_twice_is_merged_by_the_same_rule_and_warned_about()
    {
        var page = RolePage("read", Allow("ssm-incidents:Get*"), Trust("ssm-incidents.amazonaws.com"));
        var twice = page.Replace("\"RoleDetailList\":[", "\"RoleDetailList\":[" + System.Text.Json.Nodes.JsonNode.Parse(RolePage("admin", Allow("ssm-incidents:*"), Trust("ssm-incidents.amazonaws.com")))!["RoleDetailList"]![0]!.ToJsonString() + ",", StringComparison.Ordinal);

        var (result, inventory) = Scan(("a.json", twice));

        Assert.Equal($"imaudit: warning: `{Role}` is in `{Path.Combine(_folder, "a.json")}` twice, differently; audited with everything either gives it", Assert.Single(Warnings(result)));
        Assert.Equal(["admin", "read"], Responder(inventory).GetProperty("inlinePolicies").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }
}
