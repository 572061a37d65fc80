using System.Globalization;
using System.Xml.Linq;
using ImAudit.Engine.Inventory;

namespace ImAudit.AwsEmulator;

/// <summary>IAM (query protocol): GetAccountAuthorizationDetails over the inventory, paged by MaxItems and Marker.</summary>
public sealed class IamHandler(AccountInventory inventory) : IServiceHandler
{
    private static readonly XNamespace Ns = "https://iam.amazonaws.com/doc/2010-05-08/";

    public string Service => "iam";

    public (string Code, int Status) Throttling => ("Throttling", 400);

    public (string Code, int Status) AccessDenied => ("AccessDenied", 403);

    public (string Operation, IReadOnlyCollection<string> Resources) Identify(AwsRequest request)
    {
        var form = request.Form();
        return (form.GetValueOrDefault("Action") ?? "", form.TryGetValue("RoleName", out var role) ? [role] : []);
    }

    public AwsReply Error(string code, string message, int status) => QueryXml.Error(Ns, code, message, status);

    public AwsReply Handle(AwsRequest request, string operation)
    {
        var form = request.Form();
        if (form.GetValueOrDefault("Version") != "2010-05-08")
            return Error("InvalidParameterValue", $"unsupported Version `{form.GetValueOrDefault("Version")}`", 400);
        return operation switch
        {
            "GetAccountAuthorizationDetails" => AuthorizationDetails(form),
            "GetRole" => inventory.Roles.FirstOrDefault(r => r.Name == form.GetValueOrDefault("RoleName")) is { } role
                ? QueryXml.Result(Ns, "GetRole", new XElement(Ns + "Role", Role(role).Where(e => e is XElement x && x.Name.LocalName is not ("RolePolicyList" or "AttachedManagedPolicies" or "InstanceProfileList"))))
                : Error("NoSuchEntity", $"The role with name {form.GetValueOrDefault("RoleName")} cannot be found.", 404),
            _ => Error("InvalidAction", $"the emulator does not implement IAM `{operation}`", 400),
        };
    }

    private AwsReply AuthorizationDetails(Dictionary<string, string> form)
    {
        var filters = form.Where(p => p.Key.StartsWith("Filter.member.", StringComparison.Ordinal)).Select(p => p.Value).ToHashSet(StringComparer.Ordinal);
        bool Wanted(string type) => filters.Count == 0 || filters.Contains(type);
        var entities = new List<(string Kind, object Entity)>();
        if (Wanted("User"))
            entities.AddRange(inventory.Users.Select(u => ("User", (object)u)));
        if (Wanted("Group"))
            entities.AddRange(inventory.Groups.Select(g => ("Group", (object)g)));
        if (Wanted("Role"))
            entities.AddRange(inventory.Roles.Select(r => ("Role", (object)r)));
        entities.AddRange(inventory.Policies.Where(p => Wanted(p.IsAwsManaged ? "AWSManagedPolicy" : "LocalManagedPolicy")).Select(p => ("Policy", (object)p)));
        var max = form.TryGetValue("MaxItems", out var m) ? int.Parse(m, CultureInfo.InvariantCulture) : 100;
        if (max is < 1 or > 1000)
            return Error("ValidationError", $"MaxItems `{max}` is not between 1 and 1000", 400);
        var start = 0;
        if (form.TryGetValue("Marker", out var marker) && (!marker.StartsWith('m') || !int.TryParse(marker[1..], CultureInfo.InvariantCulture, out start) || start > entities.Count))
            return Error("ValidationError", $"invalid Marker `{marker}`", 400);
        var page = entities.Skip(start).Take(max).ToList();
        var truncated = start + page.Count < entities.Count;
        return QueryXml.Result(Ns, "GetAccountAuthorizationDetails",
            QueryXml.Members(Ns, "UserDetailList", page.Where(e => e.Kind == "User").Select(e => User((IamUser)e.Entity))),
            QueryXml.Members(Ns, "GroupDetailList", page.Where(e => e.Kind == "Group").Select(e => Group((IamGroup)e.Entity))),
            QueryXml.Members(Ns, "RoleDetailList", page.Where(e => e.Kind == "Role").Select(e => Role((IamRole)e.Entity))),
            QueryXml.Members(Ns, "Policies", page.Where(e => e.Kind == "Policy").Select(e => Policy((ManagedPolicy)e.Entity))),
            new XElement(Ns + "IsTruncated", truncated ? "true" : "false"),
            truncated ? new XElement(Ns + "Marker", "m" + (start + page.Count).ToString(CultureInfo.InvariantCulture)) : null!);
    }

    private static object[] User(IamUser u) =>
    [
        new XElement(Ns + "Path", u.Path), new XElement(Ns + "UserName", u.Name), new XElement(Ns + "UserId", QueryXml.Id("AIDA", u.Arn)),
        new XElement(Ns + "Arn", u.Arn), new XElement(Ns + "CreateDate", QueryXml.Date(null)),
        QueryXml.Members(Ns, "UserPolicyList", u.InlinePolicies.Select(Inline)),
        QueryXml.Members(Ns, "GroupList", u.Groups.Select(g => (object)g)),
        QueryXml.Members(Ns, "AttachedManagedPolicies", u.AttachedPolicies.Select(Attached)),
        Boundary(u.PermissionsBoundaryArn)!,
        QueryXml.Members(Ns, "Tags", u.Tags.Select(t => (object)new object[] { new XElement(Ns + "Key", t.Key), new XElement(Ns + "Value", t.Value) })),
    ];

    private static object[] Group(IamGroup g) =>
    [
        new XElement(Ns + "Path", g.Path), new XElement(Ns + "GroupName", g.Name), new XElement(Ns + "GroupId", QueryXml.Id("AGPA", g.Arn)),
        new XElement(Ns + "Arn", g.Arn), new XElement(Ns + "CreateDate", QueryXml.Date(null)),
        QueryXml.Members(Ns, "GroupPolicyList", g.InlinePolicies.Select(Inline)),
        QueryXml.Members(Ns, "AttachedManagedPolicies", g.AttachedPolicies.Select(Attached)),
    ];

    private static object[] Role(IamRole r) =>
    [
        new XElement(Ns + "Path", r.Path), new XElement(Ns + "RoleName", r.Name), new XElement(Ns + "RoleId", QueryXml.Id("AROA", r.Arn)),
        new XElement(Ns + "Arn", r.Arn), new XElement(Ns + "CreateDate", QueryXml.Date(null)),
        r.TrustPolicy is null ? null! : new XElement(Ns + "AssumeRolePolicyDocument", Uri.EscapeDataString(r.TrustPolicy)),
        QueryXml.Members(Ns, "InstanceProfileList", []),
        QueryXml.Members(Ns, "RolePolicyList", r.InlinePolicies.Select(Inline)),
        QueryXml.Members(Ns, "AttachedManagedPolicies", r.AttachedPolicies.Select(Attached)),
        Boundary(r.PermissionsBoundaryArn)!,
        QueryXml.Members(Ns, "Tags", r.Tags.Select(t => (object)new object[] { new XElement(Ns + "Key", t.Key), new XElement(Ns + "Value", t.Value) })),
    ];

    private static object[] Policy(ManagedPolicy p) =>
    [
        new XElement(Ns + "PolicyName", p.Name), new XElement(Ns + "PolicyId", QueryXml.Id("ANPA", p.Arn)), new XElement(Ns + "Arn", p.Arn),
        new XElement(Ns + "Path", p.Path), new XElement(Ns + "DefaultVersionId", p.DefaultVersionId), new XElement(Ns + "AttachmentCount", "1"),
        new XElement(Ns + "PermissionsBoundaryUsageCount", "0"), new XElement(Ns + "IsAttachable", "true"),
        new XElement(Ns + "CreateDate", QueryXml.Date(null)), new XElement(Ns + "UpdateDate", QueryXml.Date(null)),
        QueryXml.Members(Ns, "PolicyVersionList", p.Versions.Select(v => (object)new object[]
        {
            new XElement(Ns + "Document", Uri.EscapeDataString(v.Document)), new XElement(Ns + "VersionId", v.VersionId),
            new XElement(Ns + "IsDefaultVersion", v.IsDefault ? "true" : "false"),
            v.CreateDate is null ? null! : new XElement(Ns + "CreateDate", QueryXml.Date(v.CreateDate)),
        })),
    ];

    private static object Inline(InlinePolicy p) =>
        new object[] { new XElement(Ns + "PolicyName", p.Name), new XElement(Ns + "PolicyDocument", Uri.EscapeDataString(p.Document)) };

    private static object Attached(AttachedPolicy p) =>
        new object[] { new XElement(Ns + "PolicyName", p.Name), new XElement(Ns + "PolicyArn", p.Arn) };

    private static XElement? Boundary(string? arn) => arn is null ? null : new XElement(Ns + "PermissionsBoundary",
        new XElement(Ns + "PermissionsBoundaryType", "PermissionsBoundaryPolicy"), new XElement(Ns + "PermissionsBoundaryArn", arn));
}
