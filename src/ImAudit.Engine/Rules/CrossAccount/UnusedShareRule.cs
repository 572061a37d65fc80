using ImAudit.Engine.Findings;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.CrossAccount;

/// <summary>
/// IMA702: a resource policy shares with an account whose inventory is present, yet no principal there can use the
/// share (nobody's identity policies grant what it shares: the other half is missing), or it names a role or user
/// that does not exist there.
/// </summary>
internal sealed class UnusedShareRule : IOrganizationRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.UnusedShare, "unused-share",
        "Share nobody in the other account can use", Severity.Low, "across accounts",
        "a resource policy grants an account (or a principal in it) whose inventory is present, and no principal there is granted those actions; or the named principal does not exist")
    {
        Remediation = "Remove the grant from the resource policy (or the AWS RAM share) when nobody in that account needs it, or grant the intended principals the matching actions in their identity policies; correct a principal name that does not exist.",
    };

    public IEnumerable<Finding> Run(OrganizationContext context)
    {
        var reachBy = context.Reach.ToLookup(r => (r.PolicyName, r.PrincipalAccount));
        foreach (var share in context.Shares)
        {
            foreach (var statement in share.Grants)
            {
                foreach (var entry in statement.Principal!.Entries)
                {
                    if (entry.AccountId is not { } account || account == share.OwnerAccount || context.Account(account) is not { } other)
                        continue;
                    var value = entry.NormalizedValue;
                    var isAccount = value.EndsWith(":root", StringComparison.Ordinal);
                    string? problem = null;
                    if (!isAccount && other.FindPrincipal(value) is null)
                        problem = $"`{Inline(value)}` does not exist in account {account}";
                    else if (!reachBy[(share.Document.Name, account)].Any(r => (isAccount || r.Principal.Principal.Arn == value)
                                 && r.Actions.Any(a => a.Resource.Any(s => s.Statement == statement.Index))))
                        problem = isAccount
                            ? $"no principal of account {account} is granted by its own policies what the share allows"
                            : $"`{Inline(value)}` is not granted by its own policies what the share allows";
                    if (problem is null)
                        continue;
                    yield return Descriptor.Finding(Severity.Low,
                        $"{statement.Label} shares {share.Resource.Type} `{Inline(share.Resource.Name)}` with {(isAccount ? $"account {account}" : $"`{Inline(value)}`")}, but {problem}: the share is unused",
                        share.Resource.Arn, Findings.FindingLocation.In(share.Document.Name, statement, entry.Location),
                        Detail.Map(("grantee", value), ("granteeAccount", account), ("exists", isAccount || other.FindPrincipal(value) is not null)), value)
                        with { AccountId = share.OwnerAccount };
                }
            }
        }
    }
}
