using System.Xml.Linq;

namespace ImAudit.AwsEmulator;

/// <summary>
/// STS (query protocol): GetCallerIdentity, and AssumeRole: of the inventory's roles, answering with the emulator's own
/// credentials; of any role in another served account, with a session key naming that account; refused for an
/// account configured to deny it.
/// </summary>
public sealed class StsHandler(EmulatorOptions options, IReadOnlyCollection<string> roleArns) : IServiceHandler
{
    /// <summary>Whether an account is served besides the home one (its roles can be assumed into).</summary>
    public Func<string, bool> IsMemberAccount { get; init; } = _ => false;

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
                var parts = role.Split(':');
                var account = parts.Length > 4 ? parts[4] : "";
                var member = account != options.AccountId && IsMemberAccount(account);
                if (options.DenyAssume.Contains(account) || (!member && !roleArns.Contains(role)))
                    return Error("AccessDenied", $"User: {options.CallerArn} is not authorized to perform: sts:AssumeRole on resource: {role}", 403);
                var assumed = $"arn:aws:sts::{(parts.Length > 4 ? parts[4] : options.AccountId)}:assumed-role/{role[(role.LastIndexOf('/') + 1)..]}/{session}";
                return QueryXml.Result(Ns, operation,
                    new XElement(Ns + "Credentials",
                        new XElement(Ns + "AccessKeyId", member ? EmulatorOptions.MemberAccessKey(account) : options.AccessKey), new XElement(Ns + "SecretAccessKey", options.SecretKey),
                        new XElement(Ns + "SessionToken", "emulator-session-token"), new XElement(Ns + "Expiration", QueryXml.Date(DateTimeOffset.UtcNow.AddHours(1)))),
                    new XElement(Ns + "AssumedRoleUser", new XElement(Ns + "AssumedRoleId", QueryXml.Id("AROA", role) + ":" + session), new XElement(Ns + "Arn", assumed)));
            default:
                return Error("InvalidAction", $"the emulator does not implement STS `{operation}`", 400);
        }
    }
}
