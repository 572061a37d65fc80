using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Inventory;

/// <summary>
/// One policy document an account owns, as the audit names it: inline policies <c>&lt;owner ARN&gt;#&lt;name&gt;</c>,
/// trust policies <c>&lt;role ARN&gt;#trust</c>, customer managed policies by ARN (default version), resource policies
/// <c>&lt;resource ARN&gt;#&lt;policy id&gt;</c>. The names reach findings' locations and fingerprints: one place makes them.
/// </summary>
internal sealed record AccountDocument(string Text, PolicyKind Kind, string Name, string Resource, string? ProtectedArn = null)
{
    public static string InlineName(string ownerArn, string policyName) => $"{ownerArn}#{policyName}";

    public static string TrustName(string roleArn) => $"{roleArn}#trust";

    /// <summary>Every document the account owns (AWS managed policies are AWS's), in inventory order.</summary>
    public static IEnumerable<AccountDocument> All(AccountInventory inventory)
    {
        foreach (var user in inventory.Users)
        {
            foreach (var p in user.InlinePolicies)
                yield return new(p.Document, PolicyKind.Identity, InlineName(user.Arn, p.Name), user.Arn);
        }
        foreach (var group in inventory.Groups)
        {
            foreach (var p in group.InlinePolicies)
                yield return new(p.Document, PolicyKind.Identity, InlineName(group.Arn, p.Name), group.Arn);
        }
        foreach (var role in inventory.Roles)
        {
            foreach (var p in role.InlinePolicies)
                yield return new(p.Document, PolicyKind.Identity, InlineName(role.Arn, p.Name), role.Arn);
            if (role.TrustPolicy is not null)
                yield return new(role.TrustPolicy, PolicyKind.Trust, TrustName(role.Arn), role.Arn);
        }
        foreach (var policy in inventory.Policies.Where(p => !p.IsAwsManaged && p.DefaultVersion is not null))
            yield return new(policy.DefaultVersion!.Document, PolicyKind.Identity, policy.Arn, policy.Arn);
        foreach (var plan in inventory.ResponsePlans)
        {
            foreach (var p in plan.ResourcePolicies)
                yield return new(p.Document, PolicyKind.Resource, $"{plan.Arn}#{p.PolicyId}", plan.Arn, plan.Arn);
        }
        foreach (var contact in inventory.Contacts.Where(c => c.Policy is not null))
            yield return new(contact.Policy!, PolicyKind.Resource, $"{contact.Arn}#policy", contact.Arn, contact.Arn);
    }
}
