using FsCheck;
using FsCheck.Fluent;
using ImAudit.Engine.Access;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Tests.Properties;

/// <summary>
/// Random policies for the access fast-path properties, from small vocabularies, and the slow references the fast
/// paths are checked against.
/// </summary>
internal static class AccessCases
{
    public static string Plan(string name) => $"arn:aws:ssm-incidents::111122223333:response-plan/{name}";

    public static string Contact(string name) => $"arn:aws:ssm-contacts:us-east-1:111122223333:contact/{name}";

    // A response plan written with a Region: no real plan has one, so the pattern is a literal no plan matches.
    private const string RegionalPlan = "arn:aws:ssm-incidents:us-east-1:111122223333:response-plan/A";

    public static readonly string[] Actions =
    [
        "ssm-incidents:*", "ssm-incidents:Get*", "ssm-incidents:StartIncident", "ssm-incidents:*ResponsePlan", "ssm-contacts:*",
        "ssm-contacts:Get*", "ssm-contacts:StartEngagement", "ssm*:*", "ssm*:List*", "ssm-*:Get*", "*", "ssm:GetParameter", "s3:GetObject",
    ];

    // For runbook roles: small services besides Incident Manager's, so the roles' scopes differ.
    public static readonly string[] RoleActions =
    [
        "ssm-incidents:*", "ssm-incidents:Get*", "ssm-incidents:StartIncident", "ssm-contacts:*", "ssm-contacts:StartEngagement",
        "sts:GetCallerIdentity", "sts:Get*", "ssm-*:Get*", "*",
    ];

    /// <summary>
    /// Wildcards in a chain (each covers the next) and literals: whatever two of them meet, one covers the other or a
    /// literal decides, so the calculator's pattern algebra is exact on them and brute force can be asked for equality.
    /// </summary>
    public static readonly string[] Chain = ["*", "arn:aws:ssm-incidents:*:*:*", Plan("*"), Plan("A*"), Plan("A"), Plan("AB"), Plan("B"), RegionalPlan, Contact("oncall")];

    /// <summary>The chain, a wildcard off it (two wildcards are assumed to overlap) and a policy variable.</summary>
    public static readonly string[] Wide = [.. Chain, "arn:aws:ssm-contacts:*:111122223333:contact/*", Plan("${aws:username}")];

    /// <summary>A resource in every region the chain's patterns cut the ARNs into.</summary>
    public static readonly string[] Universe =
    [
        "arn:aws:s3:::bucket", Contact("oncall"), Contact("other"), "arn:aws:ssm-incidents::111122223333:incident-record/A/x",
        RegionalPlan, Plan("B"), Plan("C"), Plan("A"), Plan("AB"), Plan("Ax"),
    ];

    private const string Condition = ""","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}""";

    /// <summary>A deny whose action is outside every scope used here: it changes no access, but takes the general path.</summary>
    public const string NoOpDeny = """{"Effect":"Deny","Action":"s3:PutObject","Resource":"*"}""";

    private static Gen<string> Statement(string[] actions, string[] resources, bool allowsOnly) =>
        from deny in allowsOnly ? Gen.Constant(false) : Gen.Elements(false, false, true)
        from conditional in Gen.Elements(false, false, false, true)
        from notAction in Gen.Elements(false, false, false, false, true)
        from actionCount in Gen.Choose(1, 3)
        from actionList in Gen.Elements(actions).ArrayOf(actionCount)
        from notResource in Gen.Elements(false, false, false, false, true)
        from resourceCount in Gen.Choose(1, 2)
        from resourceList in Gen.Elements(resources).ArrayOf(resourceCount)
        select $$"""{"Effect":"{{(deny ? "Deny" : "Allow")}}","{{(notAction ? "NotAction" : "Action")}}":[{{Quote(actionList)}}],"{{(notResource ? "NotResource" : "Resource")}}":[{{Quote(resourceList)}}]{{(conditional ? Condition : "")}}}""";

    // Half the documents only allow, so that principals often take the allows-only path.
    private static Gen<string[]> Document(string[] actions, string[] resources) =>
        from allowsOnly in Gen.Elements(false, true)
        from count in Gen.Choose(1, 3)
        from statements in Statement(actions, resources, allowsOnly).ArrayOf(count)
        select statements;

    /// <summary>A principal: indexes of its identity documents and of its boundary's, in a case's pool.</summary>
    public sealed record Holder(int[] Identity, int[]? Boundary);

    /// <summary>A pool of documents and principals holding some of them (documents shared and repeated).</summary>
    public sealed record Case(string[][] Documents, Holder[] Holders, bool WithSsm)
    {
        public PolicyDocument[] Parse() => [.. Documents.Select((statements, i) => Policy.Identity($"d{i}", statements))];

        public IReadOnlyCollection<string>? Services => WithSsm ? ["ssm-incidents", "ssm-contacts", "ssm"] : null;

        public override string ToString() =>
            string.Join("\n", Documents.Select((d, i) => $"d{i}: {string.Join(",", d)}"))
            + "\n" + string.Join("\n", Holders.Select(h => $"holder [{string.Join(",", h.Identity)}]" + (h.Boundary is null ? "" : $" boundary [{string.Join(",", h.Boundary)}]")));
    }

    public static Gen<Case> Cases(string[] actions, string[] resources, bool boundaries, int holders = 3) =>
        from documentCount in Gen.Choose(1, 4)
        from documents in Document(actions, resources).ArrayOf(documentCount)
        from holderCount in Gen.Choose(1, holders)
        from held in Holders(documentCount, boundaries).ArrayOf(holderCount)
        from withSsm in Gen.Elements(false, false, false, false, false, true)
        select new Case(documents, held, withSsm);

    private static Gen<Holder> Holders(int documents, bool boundaries) =>
        from count in Gen.Elements(1, 1, 2, 2, 3)
        from identity in Gen.Choose(0, documents - 1).ArrayOf(count)
        from bounded in boundaries ? Gen.Elements(false, true) : Gen.Constant(false)
        from boundary in Gen.Choose(0, documents - 1)
        select new Holder(identity, bounded ? [boundary] : null);

    public static PolicySet Set(Holder holder, PolicyDocument[] documents) =>
        new([.. holder.Identity.Select(i => documents[i])], holder.Boundary is null ? null : [.. holder.Boundary.Select(i => documents[i])]);

    private static string Quote(IEnumerable<string> values) => string.Join(",", values.Select(v => $"\"{v}\""));

    /// <summary>Everything of an access, sources and order included: equal texts, equal accesses.</summary>
    public static string Describe(EffectiveAccess access) => string.Join("\n", access.Actions.Select(Describe));

    public static string Describe(ActionAccess action) => action.Action.FullName + " " + Describe(action.Grants);

    public static string Describe(IEnumerable<ResourceGrant> grants) =>
        string.Join(" ; ", grants.Select(g => $"{g.Display}{(g.Conditional ? " (conditional)" : "")} from {string.Join(",", g.Sources.Select(s => $"{s.Policy}#{s.Statement}"))}"));

    public enum Footing { None, Conditional, Unconditional }

    /// <summary>How grants reach a resource: not at all, only under conditions, or unconditionally.</summary>
    public static Footing Reach(IEnumerable<ResourceGrant> grants, string arn)
    {
        var footing = Footing.None;
        foreach (var grant in grants)
        {
            if (grant.Pattern.Matches(arn) == Tristate.False || grant.Except.Any(e => e.Matches(arn) == Tristate.True))
                continue;
            footing = grant.Conditional ? (Footing)Math.Max((int)footing, (int)Footing.Conditional) : Footing.Unconditional;
        }
        return footing;
    }

    /// <summary>
    /// IAM's answer for each action on each resource of <see cref="Universe"/>, read statement by statement: allowed
    /// by some Allow statement (conditionally when only conditional ones apply), not denied by an unconditional Deny
    /// of the identity or boundary policies, and allowed by the boundary when there is one.
    /// </summary>
    public static Footing[,] BruteForce(PolicySet policies, IReadOnlyList<ActionInfo> actions)
    {
        var boundary = policies.PermissionsBoundary;
        var allowed = Applying(policies.Identity, Effect.Allow, actions);
        var limit = boundary is null ? null : Applying(boundary, Effect.Allow, actions);
        var denied = Applying([.. policies.Identity, .. boundary ?? []], Effect.Deny, actions);
        var footing = new Footing[actions.Count, Universe.Length];
        for (var a = 0; a < actions.Count; a++)
        {
            for (var r = 0; r < Universe.Length; r++)
            {
                footing[a, r] = denied[a, r] == Footing.Unconditional ? Footing.None
                    : limit is null ? allowed[a, r]
                    : (Footing)Math.Min((int)allowed[a, r], (int)limit[a, r]);
            }
        }
        return footing;
    }

    // For each action and resource, the best footing of the statements of one effect that apply to both.
    private static Footing[,] Applying(IEnumerable<PolicyDocument> documents, Effect effect, IReadOnlyList<ActionInfo> actions)
    {
        var footing = new Footing[actions.Count, Universe.Length];
        foreach (var statement in documents.SelectMany(d => d.Statements).Where(s => s.Effect == effect))
        {
            var on = statement.IsConditional ? Footing.Conditional : Footing.Unconditional;
            var arns = Enumerable.Range(0, Universe.Length).Where(r => statement.Resources is null
                || statement.Resources.Entries.Any(e => e.Pattern.Matches(Universe[r]) == Tristate.True) != statement.Resources.IsNot).ToList();
            for (var a = 0; a < actions.Count; a++)
            {
                if (statement.Actions.Entries.Any(e => e.Pattern.Matches(actions[a].Service, actions[a].Name)) == statement.Actions.IsNot)
                    continue;
                foreach (var r in arns)
                    footing[a, r] = (Footing)Math.Max((int)footing[a, r], (int)on);
            }
        }
        return footing;
    }

    /// <summary>The scope's actions, as the calculator builds it for these services.</summary>
    public static IReadOnlyList<ActionInfo> ScopeActions(IamCatalog catalog, IReadOnlyCollection<string>? services) =>
        AccessScope.Of(catalog, services ?? Engine.Catalog.IncidentManager.Services).Actions;
}
