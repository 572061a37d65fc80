using ImAudit.Engine.Answers;
using ImAudit.Engine.Catalog;

namespace ImAudit.Engine.Tests.Answers;

/// <summary>What the CLI gets from the engine for simulate, compare and expand: the answer, not the engine's records.</summary>
public class AnswersTests
{
    private const string Plan = "arn:aws:ssm-incidents::111122223333:response-plan/Payments";
    private static readonly PolicyEngine Engine = new(IamCatalog.Default);

    [Fact]
    public void A_tag_key_incident_manager_never_sends_is_evaluated_as_absent_with_a_warning()
    {
        // Allowed only when the resource tag matches: the request states it, but Incident Manager never sends it.
        var policy = Policy.Identity("p", """{"Effect":"Allow","Action":"ssm-incidents:StartIncident","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"payments"}}}""");
        var request = new SimulationRequest("ssm-incidents:StartIncident", Plan) { Identity = [policy], Context = [new("aws:ResourceTag/team", "payments")] };

        var simulation = Engine.Simulate(request);

        Assert.Equal(("implicit-deny", false), (simulation.Decision, simulation.Conditional));
        Assert.Contains("`aws:ResourceTag/team`", Assert.Single(simulation.Warnings), StringComparison.Ordinal);
        // The same key on a service that sends it decides as the request states it.
        var s3 = Engine.Simulate(request with { Action = "s3:GetObject", Resource = "arn:aws:s3:::bucket/key" });
        Assert.Empty(s3.Warnings);
    }

    [Fact]
    public void An_unknown_key_makes_the_decision_conditional()
    {
        var policy = Policy.Identity("p", """{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}""");

        var unknown = Engine.Simulate(new SimulationRequest("ssm-incidents:StartIncident", Plan) { Identity = [policy] });
        var absent = Engine.Simulate(new SimulationRequest("ssm-incidents:StartIncident", Plan) { Identity = [policy], Absent = ["aws:SourceIp"] });

        Assert.Equal(("allowed", true), (unknown.Decision, unknown.Conditional));
        Assert.Equal(("implicit-deny", false), (absent.Decision, absent.Conditional));
        var text = new StringWriter();
        unknown.WriteText(text);
        Assert.StartsWith("decision: allowed (conditional", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Comparison_counts_the_actions_in_excess()
    {
        var baseline = Policy.Identity("base", """{"Effect":"Allow","Action":"ssm-incidents:Get*","Resource":"*"}""");
        var wider = Policy.Identity("wider", """{"Effect":"Allow","Action":["ssm-incidents:GetResponsePlan","ssm-incidents:DeleteResponsePlan","ssm-incidents:UpdateResponsePlan"],"Resource":"*"}""");

        var comparison = Engine.Compare([wider], baseline, "base");

        Assert.Equal(("base", false, 2), (comparison.Baseline, comparison.IsSubset, comparison.ExcessCount));
        Assert.True(Engine.Compare([baseline], baseline, "base").IsSubset);
    }

    [Fact]
    public void Expansion_names_the_actions_or_the_error()
    {
        var expansion = Engine.Expand("ssm-incidents:StartIncident");
        var bad = Engine.Expand("ssm-incidents");

        Assert.Equal(["ssm-incidents:StartIncident"], expansion.ActionNames);
        Assert.Null(expansion.Error);
        Assert.Empty(bad.ActionNames);
        Assert.NotNull(bad.Error);
    }
}
