using ImAudit.Engine.Reports;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;

namespace ImAudit.Engine.Tests.Rules;

/// <summary>Builds small inventories and runs the account rules over them.</summary>
internal static class AccountHarness
{
    public const string AccountId = "111122223333";

    public static IamUser User(string name, string? inlinePolicy = null, string[]? attached = null, string[]? groups = null) =>
        new(name, $"arn:aws:iam::{AccountId}:user/{name}", "/",
            inlinePolicy is null ? [] : [new InlinePolicy("inline", inlinePolicy)],
            [.. (attached ?? []).Select(a => new AttachedPolicy(a, $"arn:aws:iam::aws:policy/{a}"))],
            [.. groups ?? []], null, []);

    /// <summary>A user "example" holding AWSIncidentManagerResolverAccess, whose default version is the one given.</summary>
    public static AccountInventory WithResolverAccess(string document, string versionId) =>
        Account([User("example", attached: ["AWSIncidentManagerResolverAccess"])]) with
        {
            Policies = [new ManagedPolicy("AWSIncidentManagerResolverAccess", "arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess", "/", versionId,
                [new PolicyVersion(versionId, true, document, null)])],
        };

    /// <summary>A user with customer managed policies attached by ARN.</summary>
    public static IamUser UserWith(string name, params string[] policyArns) =>
        User(name) with { AttachedPolicies = [.. policyArns.Select(a => new AttachedPolicy(a[(a.LastIndexOf('/') + 1)..], a))] };

    public static IamRole Role(string name, string trustService, string? inlinePolicy = null, string[]? attached = null, string path = "/") =>
        new(name, $"arn:aws:iam::{AccountId}:role{path}{name}", path,
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"{{trustService}}"},"Action":"sts:AssumeRole"}]}""",
            inlinePolicy is null ? [] : [new InlinePolicy("inline", inlinePolicy)],
            [.. (attached ?? []).Select(a => new AttachedPolicy(a, $"arn:aws:iam::aws:policy/{a}"))], null, []);

    public static AccountInventory Account(IamUser[]? users = null, IamRole[]? roles = null, IamGroup[]? groups = null,
        ResponsePlan[]? plans = null, CollectionError[]? errors = null) =>
        new(AccountId, "aws", [], [.. users ?? []], [.. groups ?? []], [.. roles ?? []], [], [.. plans ?? []], [], null, [.. errors ?? []]);

    public const string ProtectedTrust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ssm-incidents.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}""";

    public static IamRole RunbookRole(string name, string trust, string? policy = null, string[]? attached = null) =>
        new(name, $"arn:aws:iam::{AccountId}:role/{name}", "/", trust,
            policy is null ? [] : [new InlinePolicy("inline", policy)],
            [.. (attached ?? []).Select(a => new AttachedPolicy(a, $"arn:aws:iam::aws:policy/{a}"))], null, []);

    public static ResponsePlan Plan(string name, string roleName) =>
        new($"arn:aws:ssm-incidents::{AccountId}:response-plan/{name}", name, null,
            [new RunbookAction("AWSIncidents-CriticalIncidentRunbookTemplate", $"arn:aws:iam::{AccountId}:role/{roleName}", null)], [], [], []);

    public static IReadOnlyList<Finding> Run(string ruleId, AccountInventory inventory)
    {
        var (result, _) = new PolicyEngine(IamCatalog.Default).Analyze(inventory);
        Assert.Empty(result.Failures);
        return RuleRuns.Record(ruleId, [.. result.Findings.Where(f => f.RuleId == ruleId)]);
    }

    /// <summary>The findings of a drift rule between two states of an account.</summary>
    public static IReadOnlyList<Finding> DriftBetween(string ruleId, AccountInventory before, AccountInventory after)
    {
        var engine = new PolicyEngine(IamCatalog.Default);
        var previous = ImAudit.Engine.Drift.AuditSnapshot.Read(SnapshotJson.Write(before, engine.Audit(before, DateTimeOffset.UnixEpoch)), "before", out var error)
            ?? throw new InvalidOperationException(error);
        var report = engine.Audit(after, DateTimeOffset.UnixEpoch.AddDays(1), null, previous);
        Assert.Empty(report.RuleFailures);
        return RuleRuns.Record(ruleId, [.. report.Findings.Where(f => f.RuleId == ruleId)]);
    }

    public static string Allow(string actions, string resource = "*") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":{{actions}},"Resource":"{{resource}}"}]}""";
}
