using ImAudit.Engine.Inventory;
using ImAudit.Engine.Policies;
using ImAudit.Engine.Rules.Sharing;

namespace ImAudit.Engine.Rules.CrossAccount;

/// <summary>
/// One resource policy of a response plan or contact, with the resource it protects and the account that owns it.
/// The policy is named as the account audit names it (<c>&lt;resource ARN&gt;#&lt;policy id&gt;</c>), so locations agree.
/// </summary>
internal sealed record Share(string OwnerAccount, SharedResource Resource, string PolicyId, PolicyDocument Document)
{
    public static IEnumerable<Share> All(OrganizationContext context)
    {
        foreach (var account in context.Accounts)
        {
            var owner = account.Inventory.AccountId;
            foreach (var plan in account.Inventory.ResponsePlans)
            {
                foreach (var policy in plan.ResourcePolicies)
                {
                    if (Of(account, owner, plan.Arn, policy.PolicyId, policy.Document) is { } share)
                        yield return share;
                }
            }
            foreach (var contact in account.Inventory.Contacts.Where(c => c.Policy is not null))
            {
                if (Of(account, owner, contact.Arn, "policy", contact.Policy!) is { } share)
                    yield return share;
            }
        }
    }

    private static Share? Of(AccountContext account, string owner, string arn, string policyId, string text) =>
        SharedResource.From(arn) is { } resource
            ? new Share(owner, resource, policyId, account.Documents.Parse(text, PolicyKind.Resource, $"{arn}#{policyId}"))
            : null;

    /// <summary>The Allow statements naming principals (not <c>NotPrincipal</c>): what the policy shares.</summary>
    public IEnumerable<Statement> Grants => Document.Statements.Where(s => s.Effect == Effect.Allow && s.Principal is { IsNot: false });
}
