using System.Xml.Linq;

namespace ImAudit.AwsEmulator;

/// <summary>STS (query protocol): GetCallerIdentity, and AssumeRole of the inventory's roles, answering with the emulator's own credentials.</summary>
public sealed class StsHandler(EmulatorOptions options, IReadOnlyCollection<string> roleArns) : IServiceHandler
{
    private static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    public string Service => "sts";

    public (string Code, int Status) Throttling => ("Throttling", 400);

    public (string Code, int Status) AccessDenied => ("AccessDenied", 403);

    public (string Operation, IReadOnlyCollection<string> Resources) Identify(AwsRequest request)
    {
        var form = request.Form();
        return (form.GetValueOrDefault("Action") ?? "", form.TryGetValue("RoleArn", out var role) ? [role] : []);
    }

    public AwsReply Error(string code, string message, int status) => QueryXml.Error(Ns, code, message, status);

    public AwsReply Handle(AwsRequest request, string operation)
    {
        var form = request.Form();
        switch (operation)
        {
            case "GetCallerIdentity":
                return QueryXml.Result(Ns, operation,
                    new XElement(Ns + "Arn", options.CallerArn), new XElement(Ns + "UserId", QueryXml.Id("AIDA", options.CallerArn)),
                    new XElement(Ns + "Account", options.AccountId));
            case "AssumeRole":
                if (!form.TryGetValue("RoleArn", out var role) || !form.TryGetValue("RoleSessionName", out var session))
                    return Error("ValidationError", "RoleArn and RoleSessionName are required", 400);
                if (!roleArns.Contains(role))
                    return Error("AccessDenied", $"User: {options.CallerArn} is not authorized to perform: sts:AssumeRole on resource: {role}", 403);
                var parts = role.Split(':');
                var assumed = $"arn:aws:sts::{(parts.Length > 4 ? parts[4] : options.AccountId)}:assumed-role/{role[(role.LastIndexOf('/') + 1)..]}/{session}";
                return QueryXml.Result(Ns, operation,
                    new XElement(Ns + "Credentials",
                        new XElement(Ns + "AccessKeyId", options.AccessKey), new XElement(Ns + "SecretAccessKey", options.SecretKey),
                        new XElement(Ns + "SessionToken", "emulator-session-token"), new XElement(Ns + "Expiration", QueryXml.Date(DateTimeOffset.UtcNow.AddHours(1)))),
                    new XElement(Ns + "AssumedRoleUser", new XElement(Ns + "AssumedRoleId", QueryXml.Id("AROA", role) + ":" + session), new XElement(Ns + "Arn", assumed)));
            default:
                return Error("InvalidAction", $"the emulator does not implement STS `{operation}`", 400);
        }
    }
}
