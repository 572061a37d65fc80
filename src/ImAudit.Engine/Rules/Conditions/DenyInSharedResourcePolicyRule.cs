using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Rules.Conditions;

/// <summary>IMA201: a Deny in a response-plan or contact resource policy — not supported for resources shared through AWS RAM.</summary>
internal sealed class DenyInSharedResourcePolicyRule : IPolicyRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.DenyInSharedResourcePolicy, "deny-in-shared-resource-policy",
        "Deny in a shared resource policy is not supported", Severity.High, "unsupported and ineffective denies",
        "a response-plan or contact resource policy contains a Deny statement; Incident Manager does not support denies on resources shared through AWS RAM")
    {
        Remediation = "Remove the Deny statement from the response-plan or contact resource policy: restrict access by granting less there (fewer principals, fewer actions), and deny in the consuming account's identity policies or service control policies.",
    };

    public IEnumerable<Finding> Run(PolicyContext context) =>
        context.Document.Kind != PolicyKind.Resource
            ? []
            : context.Document.Statements.Where(s => s.Effect == Effect.Deny).Select(s => context.Create(Descriptor, Severity.High,
                $"{s.Label} is a Deny in a resource policy of a shared Incident Manager resource; AWS RAM shares do not support denies, so remove it and narrow the Allow instead",
                s, s.Location, null, s.Location.Pointer));
}
