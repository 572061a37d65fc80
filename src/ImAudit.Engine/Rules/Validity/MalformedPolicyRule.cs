using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Rules.Validity;

/// <summary>IMA107: the document is not valid JSON or not a valid IAM policy. One finding per fault, at the fault.</summary>
internal sealed class MalformedPolicyRule : IPolicyRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.MalformedPolicy, "malformed-policy",
        "Policy document is malformed", Severity.High, "namespaces and validity",
        "not JSON, not an IAM policy (missing or unknown elements, Action with NotAction, Principal where it cannot be, bad Version) or not decodable; the rest of the run goes on")
    {
        Remediation = "Fix the document so that it is an IAM policy (the message names the element): valid JSON, `Version` `2012-10-17`, `Action` or `NotAction` but not both, `Principal` only in resource and trust policies. Until then IAM rejects or ignores it and nothing in it is audited.",
    };

    public IEnumerable<Finding> Run(PolicyContext context) =>
        context.Document.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => context.Create(Descriptor, Severity.High, d.Message, null, d.Location,
                Detail.Map(("code", d.Code)), d.Code));
}
