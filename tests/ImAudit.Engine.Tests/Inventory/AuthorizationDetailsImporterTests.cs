using System.Text;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Tests.Inventory;

public class AuthorizationDetailsImporterTests
{
    private static AccountInventory Import(string file)
    {
        var result = AuthorizationDetailsImporter.Import(Fixture.Bytes("authorization-details/" + file), file);
        Assert.Null(result.Error);
        return result.Inventory!;
    }

    [Theory]
    [InlineData("example.json", 44, 5, 78, 84, 38)]
    [InlineData("example-authz-details.json", 3, 2, 3, 32, 30)]
    [InlineData("example_authz_v2.json", 1, 1, 2, 2, 0)]
    [InlineData("iam_get-account-authorization-details.output.json", 3, 3, 1, 3, 1)]
    public void Reads_real_outputs_completely(string file, int users, int groups, int roles, int policies, int awsManaged)
    {
        var inventory = Import(file);

        Assert.Equal((users, groups, roles, policies), (inventory.Users.Length, inventory.Groups.Length, inventory.Roles.Length, inventory.Policies.Length));
        Assert.Equal(awsManaged, inventory.Policies.Count(p => p.IsAwsManaged));
        Assert.Matches("^[0-9]{12}$", inventory.AccountId);
    }

    [Theory]
    [InlineData("example.json")]
    [InlineData("example-authz-details.json")]
    [InlineData("example_authz_v2.json")]
    [InlineData("iam_get-account-authorization-details.output.json")]
    public void Every_document_parses_and_every_rule_runs(string file)
    {
        var inventory = Import(file);
        var engine = new PolicyEngine(IamCatalog.Default);
        var documents = inventory.Users.SelectMany(u => u.InlinePolicies).Concat(inventory.Groups.SelectMany(g => g.InlinePolicies))
            .Concat(inventory.Roles.SelectMany(r => r.InlinePolicies)).Select(p => (p.Name, p.Document, PolicyKind.Identity))
            .Concat(inventory.Policies.Select(p => (p.Name, p.DefaultVersion!.Document, PolicyKind.Identity)))
            .Concat(inventory.Roles.Where(r => r.TrustPolicy is not null).Select(r => (r.Name, r.TrustPolicy!, PolicyKind.Trust)))
            .ToList();

        Assert.NotEmpty(documents);
        foreach (var (name, text, kind) in documents)
        {
            var document = PolicyParser.Parse(text, kind, name);
            Assert.False(document.HasErrors, $"{name}: {string.Join("; ", document.Diagnostics.Select(d => d.Message))}");
            Assert.Empty(engine.CheckPolicy(document).Failures);
        }
    }

    [Fact]
    public void Keeps_structure_membership_attachments_boundaries_and_tags()
    {
        var inventory = Import("iam_get-account-authorization-details.output.json");

        var user = inventory.Users.First(u => u.Groups.Length > 0);
        Assert.NotEmpty(inventory.Groups.Where(g => user.Groups.Contains(g.Name)));
        Assert.All(inventory.Policies, p => Assert.NotNull(p.DefaultVersion));
        Assert.NotNull(inventory.Roles[0].TrustPolicy);
    }

    [Fact]
    public void Url_encoded_documents_from_the_raw_api_are_kept_for_the_parser()
    {
        var encoded = Uri.EscapeDataString("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm-incidents:GetContact","Resource":"*"}]}""");
        var json = $$"""{"UserDetailList":[{"UserName":"ana","Arn":"arn:aws:iam::111122223333:user/ana","Path":"/","UserPolicyList":[{"PolicyName":"p","PolicyDocument":"{{encoded}}"}]}]}""";

        var inventory = AuthorizationDetailsImporter.Import(Encoding.UTF8.GetBytes(json), "raw.json").Inventory!;

        var document = PolicyParser.Parse(inventory.Users[0].InlinePolicies[0].Document, PolicyKind.Identity);
        Assert.False(document.HasErrors);
        Assert.Equal("ssm-incidents:GetContact", document.Statements[0].Actions.Entries[0].Text);
    }

    [Theory]
    [InlineData("[1,2]", "is not `aws iam get-account-authorization-details` output")]
    [InlineData("{\"Users\":[]}", "is not `aws iam get-account-authorization-details` output")]
    [InlineData("{\"UserDetailList\":[", "`x.json` line 1, byte 20 of the line: not valid JSON (")]
    public void Says_what_is_wrong_with_other_input(string json, string message) =>
        Assert.Contains(message, AuthorizationDetailsImporter.Import(Encoding.UTF8.GetBytes(json), "x.json").Error, StringComparison.Ordinal);

    [Fact]
    public void Skips_and_lists_entries_without_name_or_arn()
    {
        var json = """{"RoleDetailList":[{"RoleName":"ok","Arn":"arn:aws:iam::111122223333:role/ok"},{"RoleName":"no-arn"}]}""";

        var result = AuthorizationDetailsImporter.Import(Encoding.UTF8.GetBytes(json), "x.json");

        Assert.Single(result.Inventory!.Roles);
        Assert.Equal("/RoleDetailList/1: no `RoleName` or `Arn`; entry skipped", Assert.Single(result.Skipped));
    }

    [Fact]
    public void A_policy_without_its_name_is_named_by_its_arn()
    {
        // Regression (issue 13): moto's export leaves `PolicyName` out of `Policies`; every such policy was skipped.
        var json = """{"Policies":[{"Arn":"arn:aws:iam::111122223333:policy/ops/Responders","DefaultVersionId":"v1","PolicyVersionList":[{"VersionId":"v1","IsDefaultVersion":true,"Document":{"Version":"2012-10-17","Statement":[]}}]}]}""";

        var result = AuthorizationDetailsImporter.Import(Encoding.UTF8.GetBytes(json), "x.json");

        Assert.Empty(result.Skipped);
        Assert.Equal("Responders", Assert.Single(result.Inventory!.Policies).Name);
    }

    [Fact]
    public void Two_groups_of_one_name_give_their_members_both_groups_policies()
    {
        // Regression (issue 13): two groups with the same name crashed the principal resolver (ArgumentException).
        var json = """
            {"UserDetailList":[{"UserName":"ana","Arn":"arn:aws:iam::111122223333:user/ana","GroupList":["ops"]}],
             "GroupDetailList":[
               {"GroupName":"ops","Arn":"arn:aws:iam::111122223333:group/ops","GroupPolicyList":[{"PolicyName":"a","PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm-incidents:GetResponsePlan","Resource":"*"}]}}]},
               {"GroupName":"ops","Arn":"arn:aws:iam::111122223333:group/x/ops","GroupPolicyList":[{"PolicyName":"b","PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm-incidents:StartIncident","Resource":"*"}]}}]}]}
            """;

        var inventory = AuthorizationDetailsImporter.Import(Encoding.UTF8.GetBytes(json), "x.json").Inventory!;
        var report = new PolicyEngine(ImAudit.Engine.Catalog.IamCatalog.Default).Audit(inventory, DateTimeOffset.UnixEpoch);

        var ana = Assert.Single(report.Principals);
        Assert.Equal(["ssm-incidents:GetResponsePlan", "ssm-incidents:StartIncident"], ana.Access.Actions.Select(a => a.Action.FullName));
    }
}
