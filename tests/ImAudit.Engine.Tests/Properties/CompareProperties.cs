using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Tests.Properties;

/// <summary>compare agrees with brute force: every in-scope action against every resource of a small universe.</summary>
public class CompareProperties
{
    private static readonly PolicyEngine Engine = new(IamCatalog.Default);
    private static readonly string[] Named = ["arn:aws:ssm-incidents::111122223333:response-plan/A", "arn:aws:ssm-incidents::111122223333:response-plan/B"];
    // A resource no policy names: witnesses the difference between "*" and a list of ARNs.
    private static readonly string[] Universe = [.. Named, "arn:aws:ssm-incidents::111122223333:response-plan/Fresh"];
    private static readonly string[] ActionPatterns = ["ssm-incidents:*", "ssm-incidents:Get*", "ssm-incidents:*Plan", "ssm-contacts:*", "ssm-*:List*", "*", "ssm-incidents:StartIncident", "ssm-contacts:StartEngagement"];
    private static readonly string[] ScopeActions = [.. Engine.Catalog.FindService("ssm-contacts")!.Actions.Concat(Engine.Catalog.FindService("ssm-incidents")!.Actions).Select(a => a.FullName)];

    private static readonly Gen<string> Statements =
        from effect in Gen.Elements("Allow", "Allow", "Deny")
        from notAction in Gen.Elements(false, false, true)
        from actionCount in Gen.Choose(1, 3)
        from actions in Gen.Elements(ActionPatterns).ArrayOf(actionCount)
        from notResource in Gen.Elements(false, false, true)
        from resourceCount in Gen.Choose(1, 3)
        from resources in Gen.Elements("*", Named[0], Named[1]).ArrayOf(resourceCount)
        select $$"""{"Effect":"{{effect}}","{{(notAction ? "NotAction" : "Action")}}":[{{Quote(actions)}}],"{{(notResource ? "NotResource" : "Resource")}}":[{{Quote(resources)}}]}""";

    private static readonly Gen<string[]> StatementLists = Gen.Choose(1, 6).SelectMany(n => Statements.ArrayOf(n));

    private static string Quote(IEnumerable<string> values) => string.Join(",", values.Select(v => $"\"{v}\""));

    [Property(MaxTest = 300)]
    public Property Compare_agrees_with_brute_force_expansion() =>
        Prop.ForAll(StatementLists.ToArbitrary(), StatementLists.ToArbitrary(), (policyStatements, baselineStatements) =>
        {
            var policy = new PolicySet([Policy.Identity("p", policyStatements)]);
            var baseline = new PolicySet([Policy.Identity("b", baselineStatements)]);

            var result = Engine.Compare(policy, baseline, "b");

            bool Allowed(PolicySet set, string action, string resource) =>
                PolicyEngine.Simulate(set, new RequestContext(action, resource)).Decision == Decision.Allowed;
            var bruteExcess = ScopeActions
                .Where(action => Universe.Any(r => Allowed(policy, action, r) && !Allowed(baseline, action, r)))
                .Order(StringComparer.Ordinal);
            return bruteExcess.SequenceEqual(result.Excess.Select(e => e.Action.FullName))
                .Label($"P={string.Join(",", policyStatements)} B={string.Join(",", baselineStatements)} brute: {string.Join(" ", bruteExcess)} | compare: {string.Join(" ", result.Excess.Select(e => e.Action.FullName + "[" + string.Join(";", e.Grants.Select(g => g.Display)) + "]"))}");
        });
}
