namespace ImAudit.Engine.Tests.Architecture;

/// <summary>
/// The engine's stages point one way: each uses only the stages below it (docs/engine.md, "Stages"). Read from the
/// compiled assembly, so a dependency through a lambda, a generic argument or a fully qualified name counts too.
/// </summary>
public sealed class LayeringTests
{
    // Bottom to top. "" is the root namespace: the shared basics (embedded data, message text, bounded memos) at the
    // bottom, except the entry points named below, which sit on top of everything.
    private static readonly string[] Stages =
    [
        "", "Json", "Matching", "Policies", "Findings", "Catalog", "ManagedPolicies", "Inventory", "Baselines", "Principals",
        "Evaluation", "Access", "Rules", "Drift", "Reports", "Organizations", "Auditing", "Answers", "(entry)",
    ];

    private static readonly HashSet<string> EntryPoints = ["ImAudit.Engine.PolicyEngine"];

    [Fact]
    public void Every_stage_uses_only_the_stages_below_it()
    {
        var upward = EngineDependencies.Edges()
            .Select(e => (From: Level(e.FromType, e.FromStage), To: Level(e.ToType, e.ToStage), e.FromType, e.ToType))
            .Where(e => Array.IndexOf(Stages, e.To) > Array.IndexOf(Stages, e.From))
            .Select(e => $"{e.FromType} ({Named(e.From)}) uses {e.ToType} ({Named(e.To)})")
            .ToList();
        Assert.True(upward.Count == 0, "stages that reach up:\n" + string.Join('\n', upward));
    }

    [Fact]
    public void Every_stage_of_the_engine_is_placed()
    {
        var unplaced = EngineDependencies.Edges().SelectMany(e => new[] { e.FromStage, e.ToStage }).Distinct().Where(s => !Stages.Contains(s)).ToList();
        Assert.True(unplaced.Count == 0, $"stages missing from the order: {string.Join(", ", unplaced)}");
    }

    [Fact]
    public void The_reader_sees_dependencies_through_lambdas_and_qualified_names()
    {
        // Without these the tests above would pass on a reader that sees nothing. The audit runs the rules inside
        // lambdas; a cross-account rule simulates through the evaluator; a rule names a catalogue question.
        var edges = EngineDependencies.Edges();
        Assert.Contains(edges, e => e.FromType == "ImAudit.Engine.Auditing.AccountAudit" && e.ToType == "ImAudit.Engine.Rules.RuleRegistry");
        Assert.Contains(edges, e => e.FromType == "ImAudit.Engine.Rules.CrossAccount.ReachCalculator" && e.ToType == "ImAudit.Engine.Evaluation.Simulator");
        Assert.Contains(edges, e => e.FromType == "ImAudit.Engine.Rules.Conditions.DenyMatchesNothingRule" && e.ToType == "ImAudit.Engine.Catalog.ResourceFit");
    }

    [Fact]
    public void Rules_do_not_call_other_rules()
    {
        // What two rules share lives in the stage below them (ResourceFit, the access computation), so a rule can be
        // changed or removed without another changing behaviour.
        var rules = typeof(PolicyEngine).Assembly.GetTypes().Where(t => t.Name.EndsWith("Rule", StringComparison.Ordinal) && !t.IsInterface
            && t.Namespace?.StartsWith("ImAudit.Engine.Rules", StringComparison.Ordinal) == true).Select(t => t.FullName!).ToHashSet();
        Assert.True(rules.Count >= 34, $"only {rules.Count} rule types found");
        var calls = EngineDependencies.Edges().Where(e => rules.Contains(e.FromType) && rules.Contains(e.ToType)).Select(e => $"{e.FromType} uses {e.ToType}").ToList();
        Assert.True(calls.Count == 0, "rules that use other rules:\n" + string.Join('\n', calls));
    }

    private static string Level(string type, string stage) => stage == "" && EntryPoints.Contains(type) ? "(entry)" : stage;

    private static string Named(string stage) => stage == "" ? "root" : stage;
}
