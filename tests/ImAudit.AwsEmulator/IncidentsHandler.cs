using System.Text.Json.Nodes;
using ImAudit.Engine.Inventory;

namespace ImAudit.AwsEmulator;

/// <summary>SSM Incidents (rest-json): replication set, response plans and their resource policies from the inventory.</summary>
public sealed class IncidentsHandler(AccountInventory inventory) : IServiceHandler
{
    public string Service => "ssm-incidents";

    public (string Code, int Status) Throttling => ("ThrottlingException", 429);

    public (string Code, int Status) AccessDenied => ("AccessDeniedException", 403);

    public (string Operation, IReadOnlyCollection<string> Resources) Identify(AwsRequest request)
    {
        var operation = (request.Method, request.Path) switch
        {
            ("POST", "/listReplicationSets") => "ListReplicationSets",
            ("GET", "/getReplicationSet") => "GetReplicationSet",
            ("POST", "/listResponsePlans") => "ListResponsePlans",
            ("GET", "/getResponsePlan") => "GetResponsePlan",
            ("POST", "/getResourcePolicies") => "GetResourcePolicies",
            _ => $"{request.Method} {request.Path}",
        };
        return (operation, [.. new[] { request.Query["arn"].ToString(), request.Query["resourceArn"].ToString() }.Where(s => s.Length > 0)]);
    }

    public AwsReply Error(string code, string message, int status) =>
        AwsReply.Json(new JsonObject { ["message"] = message }.ToJsonString(), status: status, headers: new Dictionary<string, string> { ["x-amzn-ErrorType"] = code });

    public AwsReply Handle(AwsRequest request, string operation)
    {
        var body = JsonPaging.Body(request);
        switch (operation)
        {
            case "ListReplicationSets":
            {
                var (page, next, error) = JsonPaging.Page(inventory.ReplicationSet is { } set ? [set.Arn] : Array.Empty<string>(), body, "maxResults", "nextToken", 100);
                return error is not null ? Error("ValidationException", error, 400) : Ok(new JsonObject { ["replicationSetArns"] = Strings(page), ["nextToken"] = next });
            }
            case "GetReplicationSet":
            {
                if (inventory.ReplicationSet is not { } set || set.Arn != request.Query["arn"])
                    return Error("ResourceNotFoundException", $"replication set `{request.Query["arn"]}` not found", 404);
                var regions = new JsonObject();
                foreach (var region in set.Regions)
                    regions[region] = new JsonObject { ["status"] = "ACTIVE", ["statusUpdateDateTime"] = Epoch };
                return Ok(new JsonObject
                {
                    ["replicationSet"] = new JsonObject
                    {
                        ["arn"] = set.Arn, ["status"] = set.Status, ["deletionProtected"] = set.DeletionProtected, ["regionMap"] = regions,
                        ["createdBy"] = $"arn:aws:iam::{inventory.AccountId}:root", ["createdTime"] = Epoch,
                        ["lastModifiedBy"] = $"arn:aws:iam::{inventory.AccountId}:root", ["lastModifiedTime"] = Epoch,
                    },
                });
            }
            case "ListResponsePlans":
            {
                var (page, next, error) = JsonPaging.Page(inventory.ResponsePlans, body, "maxResults", "nextToken", 100);
                return error is not null ? Error("ValidationException", error, 400) : Ok(new JsonObject
                {
                    ["responsePlanSummaries"] = new JsonArray([.. page.Select(p => (JsonNode)new JsonObject { ["arn"] = p.Arn, ["name"] = p.Name, ["displayName"] = p.DisplayName })]),
                    ["nextToken"] = next,
                });
            }
            case "GetResponsePlan":
                return Plan(request.Query["arn"].ToString()) is { } found ? Ok(ResponsePlan(found)) : NotFound(request.Query["arn"].ToString());
            case "GetResourcePolicies":
            {
                if (Plan(request.Query["resourceArn"].ToString()) is not { } plan)
                    return NotFound(request.Query["resourceArn"].ToString());
                var (page, next, error) = JsonPaging.Page(plan.ResourcePolicies, body, "maxResults", "nextToken", 100);
                return error is not null ? Error("ValidationException", error, 400) : Ok(new JsonObject
                {
                    ["resourcePolicies"] = new JsonArray([.. page.Select(p => (JsonNode)new JsonObject
                    {
                        ["policyDocument"] = p.Document, ["policyId"] = p.PolicyId, ["ramResourceShareRegion"] = p.RamResourceShareRegion ?? inventory.Regions.FirstOrDefault() ?? "us-east-1",
                    })]),
                    ["nextToken"] = next,
                });
            }
            default:
                return Error("UnknownOperationException", $"the emulator does not implement SSM Incidents `{operation}`", 404);
        }
    }

    private const double Epoch = 1767225600; // 2026-01-01T00:00:00Z

    private ResponsePlan? Plan(string arn) => inventory.ResponsePlans.FirstOrDefault(p => p.Arn == arn);

    private AwsReply NotFound(string arn) => Error("ResourceNotFoundException", $"response plan `{arn}` not found", 404);

    private static JsonObject ResponsePlan(ResponsePlan plan)
    {
        var result = new JsonObject
        {
            ["arn"] = plan.Arn, ["name"] = plan.Name, ["displayName"] = plan.DisplayName,
            ["incidentTemplate"] = new JsonObject { ["title"] = plan.DisplayName ?? plan.Name, ["impact"] = 3 },
            ["actions"] = new JsonArray([.. plan.Actions.Select(a => (JsonNode)new JsonObject
            {
                ["ssmAutomation"] = new JsonObject { ["documentName"] = a.DocumentName, ["roleArn"] = a.RoleArn, ["targetAccount"] = a.TargetAccount },
            })]),
            ["engagements"] = Strings(plan.Engagements),
        };
        if (!plan.ChatChannelTopics.IsEmpty)
            result["chatChannel"] = new JsonObject { ["chatbotSns"] = Strings(plan.ChatChannelTopics) };
        return result;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    private static AwsReply Ok(JsonObject body) => AwsReply.Json(JsonShapes.WithoutNulls(body).ToJsonString());
}
