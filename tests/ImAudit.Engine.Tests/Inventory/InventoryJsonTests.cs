using System.Text;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Tests.Inventory;

public class InventoryJsonTests
{
    private static AccountInventory Sample() => new(
        "111122223333", "aws", ["us-east-1", "eu-west-1"],
        [new IamUser("ana", "arn:aws:iam::111122223333:user/oncall/ana", "/oncall/",
            [new InlinePolicy("start", """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ssm-incidents:StartIncident","Resource":"*"}}""")],
            [new AttachedPolicy("AWSIncidentManagerResolverAccess", "arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess")],
            ["responders"], "arn:aws:iam::111122223333:policy/Boundary", [new Tag("team", "payments")])],
        [new IamGroup("responders", "arn:aws:iam::111122223333:group/responders", "/", [], [])],
        [new IamRole("runbook", "arn:aws:iam::111122223333:role/runbook", "/", """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ssm-incidents.amazonaws.com"},"Action":"sts:AssumeRole"}}""",
            [new InlinePolicy("broken", "{ not json")], [], null, [])],
        [new ManagedPolicy("Boundary", "arn:aws:iam::111122223333:policy/Boundary", "/", "v2",
            [new PolicyVersion("v1", false, "%7B%22Version%22%3A%222012-10-17%22%7D", DateTimeOffset.Parse("2025-01-02T03:04:05Z")),
             new PolicyVersion("v2", true, """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"*"}}""", null)])],
        [new ResponsePlan("arn:aws:ssm-incidents::111122223333:response-plan/Payments", "Payments", "Payments API",
            [new RunbookAction("AWSIncidents-CriticalIncidentRunbookTemplate", "arn:aws:iam::111122223333:role/runbook", "RESPONSE_PLAN_OWNER_ACCOUNT")],
            ["arn:aws:ssm-contacts:us-east-1:111122223333:contact/oncall"], ["arn:aws:sns:us-east-1:111122223333:chat"],
            [new ResourcePolicy("p-1", """{"Version":"2012-10-17","Statement":[]}""", "us-east-1")])],
        [new Contact("arn:aws:ssm-contacts:us-east-1:111122223333:contact/oncall", "oncall", "ESCALATION", "On call",
            [new ContactStage(5, ["arn:aws:ssm-contacts:us-east-1:111122223333:contact/ana"], [])], null)],
        new ReplicationSet("arn:aws:ssm-incidents::111122223333:replication-set/abc", "ACTIVE", ["us-east-1", "eu-west-1"], true),
        [new CollectionError("ssm-contacts", "GetContactPolicy", "arn:aws:ssm-contacts:us-east-1:111122223333:contact/oncall", "AccessDeniedException", "not authorized")],
        "sample", DateTimeOffset.Parse("2026-11-22T10:00:00Z"));

    // Regression (issue 13): a lone UTF-16 surrogate escape ("\ud800") in a name crashed reading; in a document
    // (an object or a string) the audit ran and writing snapshot.json crashed.
    [Theory]
    [InlineData("name")]
    [InlineData("document-object")]
    [InlineData("document-string")]
    public void A_lone_surrogate_anywhere_is_read_written_and_audited(string where)
    {
        var json = Encoding.UTF8.GetString(InventoryJson.Write(Sample()));
        json = where switch
        {
            "name" => json.Replace("\"name\": \"ana\"", "\"name\": \"a\\ud800na\"", StringComparison.Ordinal),
            "document-object" => json.Replace("\"Action\": \"ssm-incidents:StartIncident\"", "\"Action\": \"ssm-incidents:Start\\ud800Incident\"", StringComparison.Ordinal),
            _ => json.Replace("\"{ not json\"", "\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Id\\\":\\\"\\\\ud800\\\",\\\"Statement\\\":[]}\"", StringComparison.Ordinal),
        };
        Assert.Contains("ud800", json, StringComparison.Ordinal);

        var read = InventoryJson.Read(Encoding.UTF8.GetBytes(json), "x").Inventory!;
        var report = new PolicyEngine(ImAudit.Engine.Catalog.IamCatalog.Default).Audit(read, DateTimeOffset.UnixEpoch);
        var written = InventoryJson.Write(read);

        Assert.Equal(InventoryJson.Write(InventoryJson.Read(written, "y").Inventory!), written);
        if (where == "name")
            Assert.Equal("a\uFFFDna", read.Users[0].Name);
        else
            Assert.Contains(report.Findings, f => f.RuleId == "IMA107" && f.Message.Contains("UTF-16", StringComparison.Ordinal));
    }

    // Regression (issue 13, found by the fuzz test): a lone surrogate escape in a property name made every lookup in
    // its object throw (System.Text.Json unescapes each name it passes), and scan crashed with a stack trace.
    // (A lookup goes back from an object's last name and unescapes each that could match: put the odd key after.)
    [Theory]
    [InlineData("schemaVersion")]
    [InlineData("user")]
    public void Regression_a_lone_surrogate_in_a_property_name_reads_as_U_FFFD_and_the_rest_is_read(string where)
    {
        var json = Encoding.UTF8.GetString(InventoryJson.Write(Sample())).TrimEnd();
        json = where == "user"
            ? json.Replace("\"name\": \"ana\"", "\"name\": \"ana\", \"\\udfff\\udfff\\udfff\\udfff\": {\"\\ud800\": [1]}", StringComparison.Ordinal)
            : json[..^1] + ", \"\\ud800\\ud800\\ud800\\ud800\\ud800\\ud800\": 1}";
        Assert.Contains("ud800", json, StringComparison.Ordinal);

        var read = InventoryJson.Read(Encoding.UTF8.GetBytes(json), "x");

        Assert.Equal(InventoryJson.Write(Sample()), InventoryJson.Write(read.Inventory! with { Source = Sample().Source }));
    }

    [Theory]
    [InlineData("\"\\ud800\"", "\"\\uFFFD\"")]
    [InlineData("\"\\ud83d\\ude00\\udc00\"", "\"\\ud83d\\ude00\\uFFFD\"")]
    [InlineData("\"a\\\\ud800\"", "\"a\\\\ud800\"")]
    public void Only_lone_surrogate_escapes_in_property_names_are_replaced(string name, string expected)
    {
        var json = $"{{{name}: \"\\ud800\"}}";

        var replaced = Encoding.UTF8.GetString(ImAudit.Engine.Json.LoneSurrogates.ReplacedInPropertyNames(Encoding.UTF8.GetBytes(json), 64).Span);

        Assert.Equal($"{{{expected}: \"\\ud800\"}}", replaced);
    }

    [Fact]
    public void A_policy_nested_past_the_limit_fails_alone_and_the_rest_is_audited()
    {
        // Regression (issue 13): one inline policy nested 70 levels rejected the whole inventory ("not valid JSON").
        var deep = string.Concat(Enumerable.Repeat("[", 70)) + string.Concat(Enumerable.Repeat("]", 70));
        var json = Encoding.UTF8.GetString(InventoryJson.Write(Sample()))
            .Replace("\"Action\": \"ssm-incidents:StartIncident\"", $"\"Action\": \"ssm-incidents:StartIncident\", \"Condition\": {deep}", StringComparison.Ordinal);

        var result = InventoryJson.Read(Encoding.UTF8.GetBytes(json), "x");
        var report = new PolicyEngine(ImAudit.Engine.Catalog.IamCatalog.Default).Audit(result.Inventory!, DateTimeOffset.UnixEpoch);

        Assert.Null(result.Error);
        Assert.Contains(report.Findings, f => f.RuleId == "IMA107" && f.Details.Entries.Any(e => e.Value == new Findings.TextDetail(DiagnosticCodes.TooDeep)));
        var whole = new PolicyEngine(ImAudit.Engine.Catalog.IamCatalog.Default).Audit(Sample(), DateTimeOffset.UnixEpoch);
        Assert.Equal(whole.PoliciesAudited, report.PoliciesAudited);
        static bool ElsewhereThanAna(Findings.Finding f) => f.RuleId != "IMA107" && !f.Resource.EndsWith("user/oncall/ana", StringComparison.Ordinal);
        Assert.Equal(whole.Findings.Where(ElsewhereThanAna).Select(f => f.Fingerprint), report.Findings.Where(ElsewhereThanAna).Select(f => f.Fingerprint));
    }

    [Fact]
    public void Every_field_survives_a_round_trip()
    {
        var original = Sample();

        var read = InventoryJson.Read(InventoryJson.Write(original), "x").Inventory!;

        Assert.Equal(InventoryJson.Write(original), InventoryJson.Write(read));
        Assert.Equal(("111122223333", 2, "v2"), (read.AccountId, read.Regions.Length, read.Policies[0].DefaultVersionId));
        Assert.Equal("team", read.Users[0].Tags[0].Key);
        Assert.Equal("arn:aws:iam::111122223333:role/runbook", read.ResponsePlans[0].Actions[0].RoleArn);
        Assert.Equal(5, read.Contacts[0].Stages[0].DurationInMinutes);
        Assert.True(read.ReplicationSet!.DeletionProtected);
        Assert.True(read.IsIncomplete);
        Assert.Equal(DateTimeOffset.Parse("2025-01-02T03:04:05Z"), read.Policies[0].Versions[0].CreateDate);
    }

    [Fact]
    public void Malformed_and_url_encoded_documents_are_kept_verbatim()
    {
        var read = InventoryJson.Read(InventoryJson.Write(Sample()), "x").Inventory!;

        Assert.Equal("{ not json", read.Roles[0].InlinePolicies[0].Document);
        Assert.Equal("%7B%22Version%22%3A%222012-10-17%22%7D", read.Policies[0].Versions[0].Document);
    }

    [Fact]
    public void A_real_account_round_trips_without_changing_any_policy()
    {
        var imported = AuthorizationDetailsImporter.Import(Fixture.Bytes("authorization-details/example.json"), "example.json").Inventory!;

        var bytes = InventoryJson.Write(imported);
        var read = InventoryJson.Read(bytes, "inventory.json").Inventory!;

        Assert.Equal(bytes, InventoryJson.Write(read));
        static string Actions(string text) => string.Join(",", PolicyParser.Parse(text, PolicyKind.Identity).Statements.SelectMany(s => s.Actions.Entries).Select(e => e.Text));
        Assert.Equal(imported.Policies.Select(p => Actions(p.DefaultVersion!.Document)), read.Policies.Select(p => Actions(p.DefaultVersion!.Document)));
    }

    [Theory]
    [InlineData("""{"schemaVersion":"9","accountId":"1"}""", "schema version `9`")]
    [InlineData("""{"accountId":"1"}""", "is not an ImAudit inventory")]
    [InlineData("""{"schemaVersion":"1",""", "`x.json` line 1, byte 21 of the line: not valid JSON (")]
    public void Says_what_is_wrong_with_other_input(string json, string message) =>
        Assert.Contains(message, InventoryJson.Read(Encoding.UTF8.GetBytes(json), "x.json").Error, StringComparison.Ordinal);
}
