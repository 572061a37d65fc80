using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.CrossAccount;

/// <summary>
/// IMA703: a resource policy shares with an account that is not an ACTIVE member of the organization. Runs only
/// when the organization's accounts are known (<c>aws organizations list-accounts</c>).
/// </summary>
internal sealed class ShareOutsideOrganizationRule : IOrganizationRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.ShareOutsideOrganization, "share-outside-organization",
        "Resource policy shares outside the organization", Severity.High, "across accounts",
        "a resource policy grants an account that is not an active member of the organization (when the organization's accounts are known)")
    {
        Remediation = "Remove the account from the resource policy or the AWS RAM share, or, if sharing outside the organization is intended, add the account to the trusted accounts in the baseline configuration file.",
    };

    public IEnumerable<Finding> Run(OrganizationContext context)
    {
        var organization = context.Organization;
        if (organization.Members is null)
            yield break;
        foreach (var share in context.Shares)
        {
            foreach (var statement in share.Grants)
            {
                foreach (var (grantee, account, at) in Grantees(statement, organization.Id))
                {
                    if (account == share.OwnerAccount || organization.IsActiveMember(account) == true)
                        continue;
                    var state = organization.Member(account)?.State is { Length: > 0 } s ? $"is {s.ToLowerInvariant().Replace('_', ' ')} in" : "is not a member of";
                    var who = account == "*" ? "everyone" : $"account {account}";
                    yield return Descriptor.Finding(Severity.High,
                        $"{statement.Label} shares {share.Resource.Type} `{Inline(share.Resource.Name)}` with {who}, which {(account == "*" ? "is not limited to" : state)} the organization{(organization.Id is { } id ? $" `{id}`" : "")}",
                        share.Resource.Arn, FindingLocation.In(share.Document.Name, statement, at),
                        Detail.Map(("grantee", grantee), ("granteeAccount", account), ("state", organization.Member(account)?.State ?? "not a member")), grantee)
                        with { AccountId = share.OwnerAccount };
                }
            }
        }
    }

    // The accounts a statement lets in: those its AWS principals name; for `*`, the accounts an
    // aws:PrincipalAccount condition pins it to, nothing when aws:PrincipalOrgID pins it to this organization,
    // else everyone ("*").
    private static IEnumerable<(string Grantee, string Account, SourceLocation At)> Grantees(Statement statement, string? orgId)
    {
        foreach (var entry in statement.Principal!.Entries)
        {
            if (entry.AccountId is { } account)
            {
                yield return (entry.NormalizedValue, account, entry.Location);
            }
            else if (entry.IsWildcard && entry.Type is "*" or "AWS")
            {
                var positive = statement.Conditions.Where(c => !c.Operator.Negated && !c.Operator.IfExists && c.Operator.Family == ConditionFamily.String).ToList();
                if (orgId is not null && positive.Any(c => c.Key.Equals("aws:PrincipalOrgID", StringComparison.OrdinalIgnoreCase) && c.Values.All(v => v == orgId)))
                    continue;
                var pinned = positive.FirstOrDefault(c => c.Key.Equals("aws:PrincipalAccount", StringComparison.OrdinalIgnoreCase) && !c.Operator.Like);
                if (pinned is not null)
                {
                    foreach (var value in pinned.Values)
                        yield return (value, value, pinned.Location);
                }
                else
                {
                    yield return ("*", "*", entry.Location);
                }
            }
        }
    }
}
