using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImAudit.Aws.Tests;

/// <summary>
/// The emulator checked by an independent client: the machine's real AWS CLI (botocore's own serializers,
/// parsers and SigV4 signer) against the emulator, its output compared with the inventory it serves.
/// </summary>
[Collection("emulator")]
public sealed class AwsCliConformanceTests(EmulatorFixture fixture)
{
    private JsonNode Aws(params string[] args)
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "test", ["AWS_SECRET_ACCESS_KEY"] = "test", ["AWS_DEFAULT_REGION"] = "us-east-1",
            ["AWS_CONFIG_FILE"] = "/dev/null", ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null", ["AWS_PAGER"] = "",
        };
        var (code, stdout, stderr) = ExternalTool.Run("aws", [.. args, "--endpoint-url", fixture.Url, "--output", "json"], environment);
        Assert.True(code == 0, $"aws {string.Join(' ', args)} failed ({code}): {stderr}");
        return JsonNode.Parse(stdout.Length == 0 ? "{}" : stdout)!;
    }

    [Fact]
    public void Iam_get_account_authorization_details_lists_every_principal_and_policy_with_its_documents()
    {
        var details = Aws("iam", "get-account-authorization-details");
        var inventory = fixture.Inventory;

        Assert.Equal(inventory.Users.Select(u => u.Arn), details["UserDetailList"]!.AsArray().Select(u => (string)u!["Arn"]!));
        Assert.Equal(inventory.Groups.Select(g => g.Arn), details["GroupDetailList"]!.AsArray().Select(g => (string)g!["Arn"]!));
        Assert.Equal(inventory.Roles.Select(r => r.Arn), details["RoleDetailList"]!.AsArray().Select(r => (string)r!["Arn"]!));
        Assert.Equal(inventory.Policies.Select(p => p.Arn), details["Policies"]!.AsArray().Select(p => (string)p!["Arn"]!));
        // The CLI decodes the URL-encoded documents into JSON: they must be the inventory's documents.
        foreach (var role in details["RoleDetailList"]!.AsArray())
            Assert.True(SameJson(inventory.Roles.Single(r => r.Arn == (string)role!["Arn"]!).TrustPolicy!, role!["AssumeRolePolicyDocument"]!));
        foreach (var user in details["UserDetailList"]!.AsArray())
        {
            var expected = inventory.Users.Single(u => u.Arn == (string)user!["Arn"]!);
            Assert.Equal(expected.Groups, user!["GroupList"]!.AsArray().Select(g => (string)g!));
            Assert.Equal(expected.InlinePolicies.Select(p => p.Name), user["UserPolicyList"]!.AsArray().Select(p => (string)p!["PolicyName"]!));
            Assert.All(user["UserPolicyList"]!.AsArray(), p => Assert.True(SameJson(expected.InlinePolicies.Single(i => i.Name == (string)p!["PolicyName"]!).Document, p!["PolicyDocument"]!)));
        }
        foreach (var policy in details["Policies"]!.AsArray())
        {
            var expected = inventory.Policies.Single(p => p.Arn == (string)policy!["Arn"]!);
            Assert.Equal(expected.DefaultVersionId, (string)policy!["DefaultVersionId"]!);
            Assert.Equal(expected.Versions.Select(v => v.VersionId), policy["PolicyVersionList"]!.AsArray().Select(v => (string)v!["VersionId"]!));
        }
    }

    [Fact]
    public void Iam_paging_with_the_cli_gives_the_same_entities()
    {
        var page = Aws("iam", "get-account-authorization-details", "--max-items", "4");
        var next = Aws("iam", "get-account-authorization-details", "--starting-token", (string)page["NextToken"]!);

        var arns = new[] { page, next }.SelectMany(p => new[] { "UserDetailList", "GroupDetailList", "RoleDetailList", "Policies" }
            .SelectMany(list => p[list]?.AsArray() ?? [])).Select(e => (string)e!["Arn"]!);
        var inventory = fixture.Inventory;
        Assert.Equal(inventory.Users.Select(u => u.Arn).Concat(inventory.Groups.Select(g => g.Arn)).Concat(inventory.Roles.Select(r => r.Arn)).Concat(inventory.Policies.Select(p => p.Arn)).Order(),
            arns.Order());
    }

    [Fact]
    public void Sts_get_caller_identity_names_the_account()
    {
        Assert.Equal(fixture.Inventory.AccountId, (string)Aws("sts", "get-caller-identity")["Account"]!);
    }

    [Fact]
    public void Ssm_incidents_plans_and_policies_are_the_inventorys()
    {
        var plans = Aws("ssm-incidents", "list-response-plans")["responsePlanSummaries"]!.AsArray();
        Assert.Equal(fixture.Inventory.ResponsePlans.Select(p => p.Arn), plans.Select(p => (string)p!["arn"]!));
        foreach (var plan in fixture.Inventory.ResponsePlans)
        {
            var detail = Aws("ssm-incidents", "get-response-plan", "--arn", plan.Arn);
            Assert.Equal(plan.Actions.Select(a => a.RoleArn), detail["actions"]!.AsArray().Select(a => (string)a!["ssmAutomation"]!["roleArn"]!));
            Assert.Equal(plan.Engagements, (detail["engagements"]?.AsArray() ?? []).Select(e => (string)e!));
            var policies = Aws("ssm-incidents", "get-resource-policies", "--resource-arn", plan.Arn)["resourcePolicies"]!.AsArray();
            Assert.Equal(plan.ResourcePolicies.Select(p => p.Document), policies.Select(p => (string)p!["policyDocument"]!));
        }
        var set = Aws("ssm-incidents", "get-replication-set", "--arn", (string)Aws("ssm-incidents", "list-replication-sets")["replicationSetArns"]![0]!);
        Assert.Equal(fixture.Inventory.ReplicationSet!.Regions, set["replicationSet"]!["regionMap"]!.AsObject().Select(p => p.Key).Order());
    }

    [Fact]
    public void Ssm_contacts_contacts_stages_and_policies_are_the_inventorys()
    {
        var listed = Aws("ssm-contacts", "list-contacts")["Contacts"]!.AsArray();
        var east = fixture.Inventory.Contacts.Where(c => c.Arn.Contains(":us-east-1:", StringComparison.Ordinal)).ToList();
        Assert.Equal(east.Select(c => c.Arn), listed.Select(c => (string)c!["ContactArn"]!));
        foreach (var contact in east)
        {
            var detail = Aws("ssm-contacts", "get-contact", "--contact-id", contact.Arn);
            Assert.Equal(contact.Type, (string)detail["Type"]!);
            Assert.Equal(contact.Stages.SelectMany(s => s.ContactTargets),
                detail["Plan"]!["Stages"]!.AsArray().SelectMany(s => s!["Targets"]!.AsArray()).Select(t => (string?)t!["ContactTargetInfo"]?["ContactId"]).OfType<string>());
            if (fixture.Inventory.CollectionErrors.Any(e => e.Resource == contact.Arn))
                continue;
            Assert.Equal(contact.Policy, (string?)Aws("ssm-contacts", "get-contact-policy", "--contact-arn", contact.Arn)["Policy"]);
        }
    }

    [Fact]
    public void S3_conditional_writes_reads_and_listing_behave_as_s3()
    {
        var bucket = "conformance-" + Guid.NewGuid().ToString("N")[..8];
        fixture.Emulator.S3.CreateBucket(bucket);
        var file = Path.GetTempFileName();
        File.WriteAllText(file, """{"run":1}""");

        var put = Aws("s3api", "put-object", "--bucket", bucket, "--key", "reports/latest.json", "--body", file, "--if-none-match", "*");
        var again = ExternalTool.Run("aws", ["s3api", "put-object", "--bucket", bucket, "--key", "reports/latest.json", "--body", file, "--if-none-match", "*", "--endpoint-url", fixture.Url],
            new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "test", ["AWS_SECRET_ACCESS_KEY"] = "test", ["AWS_DEFAULT_REGION"] = "us-east-1", ["AWS_CONFIG_FILE"] = "/dev/null" });
        var replaced = Aws("s3api", "put-object", "--bucket", bucket, "--key", "reports/latest.json", "--body", file, "--if-match", (string)put["ETag"]!);
        var listed = Aws("s3api", "list-objects-v2", "--bucket", bucket, "--prefix", "reports/");
        var read = Path.GetTempFileName();
        Aws("s3api", "get-object", "--bucket", bucket, "--key", "reports/latest.json", read);

        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("PreconditionFailed", again.Stderr, StringComparison.Ordinal);
        Assert.Equal((string)put["ETag"]!, (string)replaced["ETag"]!);
        Assert.Equal("reports/latest.json", (string)listed["Contents"]![0]!["Key"]!);
        Assert.Equal("""{"run":1}""", File.ReadAllText(read));
        Assert.Equal("""{"run":1}"""u8.ToArray(), fixture.Emulator.S3.Objects(bucket)["reports/latest.json"].Body);
    }

    // The CLI turns a document it can parse into JSON and leaves one it cannot (the demo's malformed policy) as IAM
    // sent it: URL-encoded.
    private static bool SameJson(string document, JsonNode parsed)
    {
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(document), parsed);
        }
        catch (JsonException)
        {
            return parsed.GetValueKind() == JsonValueKind.String && Uri.UnescapeDataString((string)parsed!) == document;
        }
    }
}
