using System.Text.Json.Nodes;
using ImAudit.Engine;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Policies;

namespace ImAudit.Function.Tests;

/// <summary>
/// The organization mode of template.yaml: off by default, and when on the state machine's role, the function's extra
/// statements and the member role (deploy/member-role.yaml, the StackSet's template) hold exactly what the code and
/// the definition call, and ImAudit's own rules find nothing at medium or above in them.
/// </summary>
public sealed class OrganizationTemplateTests
{
    private static readonly string Root = BootstrapFixture.RepositoryRoot();

    private static JsonNode TemplateResources => TemplateTests.Template()["Resources"]!;

    private static JsonNode MemberRoleTemplate()
    {
        var (code, output) = TemplateTests.Run("python3", Path.Combine(AppContext.BaseDirectory, "Template", "cfn_to_json.py"), Path.Combine(Root, "deploy", "member-role.yaml"));
        Assert.True(code == 0, output);
        return JsonNode.Parse(output)!;
    }

    private static IEnumerable<string> Granted(IEnumerable<JsonNode> statements) =>
        statements.SelectMany(s => TemplateTests.Actions(s["Action"]!)).Order(StringComparer.Ordinal);

    private static IEnumerable<string> PolicyActions(string file) =>
        PolicyParser.Parse(File.ReadAllText(Path.Combine(Root, "deploy", file)), PolicyKind.Identity, file).Statements
            .SelectMany(s => s.Actions.Entries).Select(e => e.Text).Order(StringComparer.Ordinal);

    // Resources given by intrinsics become what they resolve to in a deployment, then ImAudit checks the document.
    private static void NothingAtMediumOrAbove(IEnumerable<JsonNode> statements, PolicyKind kind, string name, Func<JsonNode, string> resolve)
    {
        var resolved = statements.Select(s =>
        {
            var copy = s.DeepClone().AsObject();
            if (kind == PolicyKind.Identity && s["Resource"] is not JsonValue)
                copy["Resource"] = resolve(s);
            return (JsonNode)copy;
        });
        var document = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray([.. resolved]) };
        var result = new PolicyEngine(IamCatalog.Default).CheckPolicy(PolicyParser.Parse(document.ToJsonString(), kind, name));
        Assert.DoesNotContain(result.Findings, f => f.Severity >= Engine.Findings.Severity.Medium);
    }

    [Fact]
    public void Organization_mode_is_off_by_default_and_its_resources_exist_only_when_on()
    {
        var template = TemplateTests.Template();

        Assert.Equal("false", (string?)template["Parameters"]!["OrganizationMode"]!["Default"]);
        Assert.Equal("Organization", (string?)TemplateResources["OrganizationAudit"]!["Condition"]);
        Assert.Equal("Organization", (string?)TemplateResources["OrganizationAuditRole"]!["Condition"]);
        Assert.Equal("DeploysMemberRoles", (string?)TemplateResources["MemberRoles"]!["Condition"]);
        // The function's own schedule runs unless the state machine's does.
        var schedule = TemplateResources["AuditFunction"]!["Properties"]!["Events"]!["Daily"]!["Properties"]!;
        Assert.Equal("""{"Fn::If":["Organization","DISABLED","ENABLED"]}""", schedule["State"]!.ToJsonString());
        Assert.Equal("ScheduleV2", (string?)TemplateResources["OrganizationAudit"]!["Properties"]!["Events"]!["Daily"]!["Type"]);
        Assert.Equal("statemachine/organization-audit.asl.json", (string?)TemplateResources["OrganizationAudit"]!["Properties"]!["DefinitionUri"]);
        Assert.Equal(["AuditFunctionArn", "MaxConcurrency", "MemberRoleName", "Partition"],
            TemplateResources["OrganizationAudit"]!["Properties"]!["DefinitionSubstitutions"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_organization_alarms_watch_what_the_aggregate_step_emits_without_the_organizations_id()
    {
        var summary = new Aws.Pipeline.AggregateSummary("arn:execution", 3, 2, 1, 0, [], new Dictionary<Engine.Findings.Severity, int>(), 0, 0, 0, 0, false, [], true, 10);
        using var emf = System.Text.Json.JsonDocument.Parse(Aws.Pipeline.Metrics.OrganizationLine(summary, "o-a1b2c3d4e5", DateTimeOffset.UnixEpoch));
        var directive = emf.RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        Assert.Contains(directive.GetProperty("Dimensions").EnumerateArray(), set => set.GetArrayLength() == 0);
        var emitted = directive.GetProperty("Metrics").EnumerateArray().Select(m => m.GetProperty("Name").GetString()).ToHashSet();

        var notAudited = TemplateResources["OrganizationNotAuditedAlarm"]!;
        Assert.Equal("Organization", (string?)notAudited["Condition"]);
        Assert.Contains((string?)notAudited["Properties"]!["MetricName"], emitted);
        Assert.Null(notAudited["Properties"]!["Dimensions"]);
        Assert.Equal(1, emf.RootElement.GetProperty((string)notAudited["Properties"]!["MetricName"]!).GetInt32());
        var severe = TemplateResources["OrganizationNewHighFindingsAlarm"]!;
        Assert.Equal("Organization", (string?)severe["Condition"]);
        var metrics = severe["Properties"]!["Metrics"]!.AsArray().Where(m => m!["MetricStat"] is not null).Select(m => m!["MetricStat"]!["Metric"]!).ToList();
        Assert.Equal(["NewCriticalFindings", "NewHighFindings"], metrics.Select(m => (string?)m["MetricName"]).Order(StringComparer.Ordinal));
        Assert.All(metrics, m => Assert.Contains((string?)m["MetricName"], emitted));
        Assert.All(metrics, m => Assert.Null(m["Dimensions"]));
    }

    [Fact]
    public void The_function_in_organization_mode_gets_exactly_the_organization_policy()
    {
        Assert.Equal(PolicyActions("imaudit-organization-policy.json"), Granted(TemplateTests.Statements(organization: true)));
        var assume = TemplateTests.Statements(organization: true).Single(s => TemplateTests.Actions(s["Action"]!).SequenceEqual(["sts:AssumeRole"]));
        Assert.Equal("""{"Fn::Sub":"arn:${AWS::Partition}:iam::*:role/${MemberRoleName}"}""", assume["Resource"]!.ToJsonString());
    }

    [Fact]
    public void The_state_machine_role_grants_exactly_what_the_definition_calls()
    {
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "statemachine", "organization-audit.asl.json")))!;
        var called = StateMachineCalls(definition["States"]!.AsObject()).Distinct().Order(StringComparer.Ordinal);
        var statements = TemplateResources["OrganizationAuditRole"]!["Properties"]!["Policies"]![0]!["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!);

        Assert.Equal(called, Granted(statements));
    }

    // Each task's integration is one IAM action; a distributed map starts, watches and stops child executions.
    private static IEnumerable<string> StateMachineCalls(JsonObject states)
    {
        foreach (var (_, state) in states)
        {
            var resource = (string?)state!["Resource"];
            if (resource == "arn:aws:states:::lambda:invoke")
                yield return "lambda:InvokeFunction";
            else if (resource?.StartsWith("arn:aws:states:::aws-sdk:", StringComparison.Ordinal) == true)
            {
                var (service, api) = (resource.Split(':')[6], resource.Split(':')[7]);
                yield return $"{service}:{char.ToUpperInvariant(api[0])}{api[1..]}";
            }
            else if (resource is not null)
                throw new InvalidOperationException($"the test does not know the integration `{resource}`");
            if (state["ItemProcessor"] is { } processor)
            {
                if ((string?)processor["ProcessorConfig"]?["Mode"] == "DISTRIBUTED")
                {
                    foreach (var action in new[] { "states:StartExecution", "states:DescribeExecution", "states:StopExecution" })
                        yield return action;
                }
                foreach (var inner in StateMachineCalls(processor["States"]!.AsObject()))
                    yield return inner;
            }
        }
    }

    [Fact]
    public void The_member_role_reads_exactly_what_the_read_policy_allows_and_trusts_only_the_audit_function()
    {
        var role = MemberRoleTemplate()["Resources"]!["MemberRole"]!["Properties"]!;
        var policies = role["Policies"]!.AsArray();
        var read = policies.Single(p => p!["PolicyName"] is not null)!;
        var statements = read["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!);
        var trust = role["AssumeRolePolicyDocument"]!["Statement"]!.AsArray().Single()!;

        Assert.Equal(PolicyActions("imaudit-read-policy.json"), Granted(statements));
        // The one write, only with ImportFindings: the account's own findings into its own Security Hub.
        var import = policies.Single(p => p!["PolicyName"] is null)!["Fn::If"]!.AsArray();
        Assert.Equal(("ImportsFindings", """{"Ref":"AWS::NoValue"}"""), ((string?)import[0], import[2]!.ToJsonString()));
        Assert.Equal("""[{"Sid":"ImportOwnFindings","Effect":"Allow","Action":"securityhub:BatchImportFindings","Resource":{"Fn::Sub":"arn:${AWS::Partition}:securityhub:*:${AWS::AccountId}:product/${AWS::AccountId}/default"}}]""",
            import[1]!["PolicyDocument"]!["Statement"]!.ToJsonString());
        Assert.Equal("""{"AWS":{"Ref":"AuditorRoleArn"}}""", trust["Principal"]!.ToJsonString());
        Assert.Equal("sts:AssumeRole", (string?)trust["Action"]);
        Assert.Equal("""{"Fn::If":["HasExternalId",{"StringEquals":{"sts:ExternalId":{"Ref":"ExternalId"}}},{"Ref":"AWS::NoValue"}]}""", trust["Condition"]!.ToJsonString());
    }

    [Fact]
    public void The_stack_set_deploys_the_member_role_template_to_the_units_trusting_the_functions_role()
    {
        var stackSet = TemplateResources["MemberRoles"]!["Properties"]!;
        var body = stackSet["TemplateBody"]!.GetValue<string>();

        Assert.Equal(File.ReadAllText(Path.Combine(Root, "deploy", "member-role.yaml")).TrimEnd(), body.TrimEnd());
        Assert.Equal("SERVICE_MANAGED", (string?)stackSet["PermissionModel"]);
        Assert.True((bool)stackSet["AutoDeployment"]!["Enabled"]!);
        Assert.Equal("""{"Ref":"OrganizationalUnitIds"}""", stackSet["StackInstancesGroup"]![0]!["DeploymentTargets"]!["OrganizationalUnitIds"]!.ToJsonString());
        var parameters = stackSet["Parameters"]!.AsArray().ToDictionary(p => (string)p!["ParameterKey"]!, p => p!["ParameterValue"]!.ToJsonString());
        Assert.Equal("""{"Fn::GetAtt":["AuditFunctionRole","Arn"]}""", parameters["AuditorRoleArn"]);
        Assert.Equal("""{"Ref":"MemberRoleName"}""", parameters["RoleName"]);
        Assert.Equal("""{"Ref":"MemberExternalId"}""", parameters["ExternalId"]);
        Assert.Equal("""{"Ref":"SecurityHub"}""", parameters["ImportFindings"]);
    }

    [Fact]
    public void ImAudit_finds_nothing_at_medium_or_above_in_the_new_roles()
    {
        var machine = TemplateResources["OrganizationAuditRole"]!["Properties"]!;
        NothingAtMediumOrAbove(machine["Policies"]![0]!["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!), PolicyKind.Identity, "template.yaml#OrganizationAuditRole",
            s => TemplateTests.Actions(s["Action"]!).First() switch
            {
                "lambda:InvokeFunction" => "arn:aws:lambda:us-east-1:999900001111:function:imaudit-imaudit",
                "states:StartExecution" => "arn:aws:states:us-east-1:999900001111:stateMachine:imaudit-imaudit-organization",
                _ => "arn:aws:states:us-east-1:999900001111:execution:imaudit-imaudit-organization/*",
            });
        NothingAtMediumOrAbove(TemplateTests.Statements(organization: true), PolicyKind.Identity, "template.yaml#AuditFunction (organization)",
            _ => "arn:aws:iam::*:role/ImAuditMemberRole");
        var member = MemberRoleTemplate()["Resources"]!["MemberRole"]!["Properties"]!;
        NothingAtMediumOrAbove(member["Policies"]![0]!["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!), PolicyKind.Identity, "member-role.yaml#MemberRole", _ => "*");
        var trust = member["AssumeRolePolicyDocument"]!["Statement"]![0]!.DeepClone().AsObject();
        trust["Principal"] = new JsonObject { ["AWS"] = "arn:aws:iam::999900001111:role/imaudit-AuditFunctionRole-ABC" };
        trust["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["sts:ExternalId"] = "imaudit-7f3a" } };
        NothingAtMediumOrAbove([trust], PolicyKind.Trust, "member-role.yaml#trust", _ => "*");
    }
}
