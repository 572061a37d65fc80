using System.Collections.Immutable;
using ImAudit.Engine.Findings;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.Sharing;

/// <summary>IMA405: a response-plan or contact resource policy could not be read; the run goes on with a coverage gap.</summary>
internal sealed class UnreadableResourcePolicyRule : IAccountRule
{
    private static readonly ImmutableArray<string> Operations = ["GetResourcePolicies", "GetContactPolicy"];

    public RuleDescriptor Descriptor { get; } = new(RuleIds.UnreadableResourcePolicy, "unreadable-resource-policy",
        "Resource policy could not be read", Severity.Medium, "resource policies",
        "a response-plan or contact resource policy could not be read (access denied, throttled past all retries, timeout); the run goes on and the gap is listed")
    {
        Remediation = "Give the auditing role `ssm-incidents:GetResourcePolicies` and `ssm-contacts:GetContactPolicy` on the resource (or let the throttling pass) and run the audit again: until then who can reach the resource is unknown.",
    };

    public IEnumerable<Finding> Run(AccountContext context) =>
        context.Inventory.CollectionErrors
            .Where(e => Operations.Contains(e.Operation, StringComparer.Ordinal))
            .Select(e => Descriptor.Finding(Severity.Medium,
                $"the resource policy of `{Inline(e.Resource)}` could not be read ({Inline(e.Code)}: {Inline(e.Message)}); who else can reach it is unknown",
                e.Resource, null, Detail.Map(("operation", e.Operation), ("code", e.Code)), e.Operation));
}
