using System.Text.Json.Nodes;
using ImAudit.Engine.Inventory;

namespace ImAudit.AwsEmulator;

/// <summary>SSM Contacts (AWS JSON 1.1): the contacts of the Region the request is signed for, their plans and policies.</summary>
public sealed class ContactsHandler(AccountInventory inventory) : IServiceHandler
{
    private const string TargetPrefix = "SSMContacts.";

    public string Service => "ssm-contacts";

    public (string Code, int Status) Throttling => ("ThrottlingException", 400);

    public (string Code, int Status) AccessDenied => ("AccessDeniedException", 400);

    public (string Operation, IReadOnlyCollection<string> Resources) Identify(AwsRequest request)
    {
        var target = request.Headers["X-Amz-Target"].ToString();
        var operation = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : target;
        var body = request.Body.Length > 0 ? JsonNode.Parse(request.Body) as JsonObject : null;
        return (operation, [.. new[] { body?["ContactId"]?.GetValue<string>(), body?["ContactArn"]?.GetValue<string>() }.OfType<string>()]);
    }

    public AwsReply Error(string code, string message, int status) =>
        AwsReply.Json(new JsonObject { ["__type"] = "com.amazonaws.ssmcontacts#" + code, ["Message"] = message }.ToJsonString(), "application/x-amz-json-1.1", status);

    public AwsReply Handle(AwsRequest request, string operation)
    {
        if (!request.Headers["X-Amz-Target"].ToString().StartsWith(TargetPrefix, StringComparison.Ordinal))
            return Error("UnknownOperationException", "missing or foreign X-Amz-Target", 400);
        var body = JsonPaging.Body(request);
        var inRegion = inventory.Contacts.Where(c => c.Arn.Split(':') is { Length: > 3 } parts && parts[3] == request.Scope.Region).ToList();
        switch (operation)
        {
            case "ListContacts":
            {
                var matching = inRegion
                    .Where(c => body["AliasPrefix"]?.GetValue<string>() is not { } prefix || c.Alias.StartsWith(prefix, StringComparison.Ordinal))
                    .Where(c => body["Type"]?.GetValue<string>() is not { } type || c.Type == type).ToList();
                var (page, next, error) = JsonPaging.Page(matching, body, "MaxResults", "NextToken", 100);
                return error is not null ? Error("ValidationException", error, 400) : Ok(new JsonObject
                {
                    ["Contacts"] = new JsonArray([.. page.Select(c => (JsonNode)new JsonObject { ["ContactArn"] = c.Arn, ["Alias"] = c.Alias, ["DisplayName"] = c.DisplayName, ["Type"] = c.Type })]),
                    ["NextToken"] = next,
                });
            }
            case "GetContact":
            {
                var id = body["ContactId"]?.GetValue<string>() ?? "";
                if (inRegion.FirstOrDefault(c => c.Arn == id) is not { } contact)
                    return Error("ResourceNotFoundException", $"contact `{id}` not found", 400);
                return Ok(new JsonObject
                {
                    ["ContactArn"] = contact.Arn, ["Alias"] = contact.Alias, ["DisplayName"] = contact.DisplayName, ["Type"] = contact.Type,
                    ["Plan"] = new JsonObject
                    {
                        ["Stages"] = new JsonArray([.. contact.Stages.Select(s => (JsonNode)new JsonObject
                        {
                            ["DurationInMinutes"] = s.DurationInMinutes,
                            ["Targets"] = new JsonArray([
                                .. s.ContactTargets.Select(t => (JsonNode)new JsonObject { ["ContactTargetInfo"] = new JsonObject { ["ContactId"] = t, ["IsEssential"] = false } }),
                                .. s.ChannelTargets.Select(t => (JsonNode)new JsonObject { ["ChannelTargetInfo"] = new JsonObject { ["ContactChannelId"] = t, ["RetryIntervalInMinutes"] = 5 } }),
                            ]),
                        })]),
                    },
                });
            }
            case "GetContactPolicy":
            {
                var arn = body["ContactArn"]?.GetValue<string>() ?? "";
                if (inRegion.FirstOrDefault(c => c.Arn == arn) is not { } contact)
                    return Error("ResourceNotFoundException", $"contact `{arn}` not found", 400);
                return Ok(new JsonObject { ["ContactArn"] = contact.Arn, ["Policy"] = contact.Policy });
            }
            default:
                return Error("UnknownOperationException", $"the emulator does not implement SSM Contacts `{operation}`", 400);
        }
    }

    private static AwsReply Ok(JsonObject body) => AwsReply.Json(JsonShapes.WithoutNulls(body).ToJsonString(), "application/x-amz-json-1.1");
}
