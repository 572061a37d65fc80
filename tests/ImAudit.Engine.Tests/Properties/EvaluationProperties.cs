using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Tests.Properties;

public class EvaluationProperties
{
    private static readonly string[] ActionPatterns = ["ssm-incidents:*", "ssm-incidents:Get*", "ssm-contacts:*", "*", "ssm-*:List*", "ssm-incidents:StartIncident", "s3:*"];
    private static readonly string[] ResourcePatterns = ["*", "arn:aws:ssm-incidents::111122223333:response-plan/*", "arn:aws:ssm-incidents::111122223333:response-plan/A?", "arn:aws:ssm-contacts:*:*:contact/*"];
    private static readonly string[] Conditions = ["", ""","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}""", ""","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}"""];
    private static readonly string[] Actions = ["ssm-incidents:GetResponsePlan", "ssm-incidents:StartIncident", "ssm-contacts:ListContacts", "ssm-contacts:GetContact", "s3:GetObject"];
    private static readonly string[] Resources = ["arn:aws:ssm-incidents::111122223333:response-plan/AB", "arn:aws:ssm-incidents::111122223333:response-plan/Payments", "arn:aws:ssm-contacts:us-east-1:111122223333:contact/oncall"];

    private static readonly Gen<string> Statements =
        from effect in Gen.Elements("Allow", "Deny")
        from notAction in Gen.Elements(false, false, true)
        from action in Gen.Elements(ActionPatterns)
        from notResource in Gen.Elements(false, false, true)
        from resource in Gen.Elements(ResourcePatterns)
        from condition in Gen.Elements(Conditions)
        select $$"""{"Effect":"{{effect}}","{{(notAction ? "NotAction" : "Action")}}":"{{action}}","{{(notResource ? "NotResource" : "Resource")}}":"{{resource}}"{{condition}}}""";

    private static readonly Gen<RequestContext> Requests =
        from action in Gen.Elements(Actions)
        from resource in Gen.Elements(Resources)
        from ip in Gen.Elements<string?>(null, "203.0.113.5", "198.51.100.1")
        from tagAbsent in Gen.Elements(true, false)
        select new RequestContext(action, resource,
            ip is null ? [] : [new KeyValuePair<string, string>("aws:SourceIp", ip)], tagAbsent ? ["aws:ResourceTag/team"] : null);

    [Property(MaxTest = 500)]
    public Property An_explicit_unconditional_deny_always_wins() =>
        Prop.ForAll(Statements.NonEmptyListOf().Select(l => l.ToArray()).ToArbitrary(), Requests.ToArbitrary(), (statements, request) =>
        {
            var deny = $$"""{"Effect":"Deny","Action":"{{request.Action}}","Resource":"{{request.Resource}}"}""";
            var result = PolicyEngine.Simulate(new PolicySet([Policy.Identity("p", [.. statements, deny])]), request);
            return result.Decision == Decision.ExplicitDeny && !result.Conditional;
        });

    [Property(MaxTest = 500)]
    public Property Adding_an_allow_never_removes_access() =>
        Prop.ForAll(Statements.NonEmptyListOf().Select(l => l.ToArray()).ToArbitrary(), Statements.ToArbitrary(), Requests.ToArbitrary(), (statements, extra, request) =>
        {
            var before = PolicyEngine.Simulate(new PolicySet([Policy.Identity("p", statements)]), request);
            var allow = extra.Replace("\"Deny\"", "\"Allow\"", StringComparison.Ordinal);
            var after = PolicyEngine.Simulate(new PolicySet([Policy.Identity("p", [.. statements, allow])]), request);
            return before.Decision != Decision.Allowed || (after.Decision == Decision.Allowed && (!after.Conditional || before.Conditional));
        });
}
