using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.Sharing;

/// <summary>IMA402: a resource policy names a principal of an account that is neither the owner nor trusted.</summary>
internal sealed class UntrustedAccountRule : IPolicyRule
{
    public RuleDescriptor Descriptor { get; } = new(RuleIds.UntrustedAccount, "untrusted-account",
        "Resource policy grants an untrusted account", Severity.High, "resource policies",
        "a principal's account is neither the owner account nor one of the configured trusted accounts (or a share is pinned to an organization other than the trusted one)")
    {
        Remediation = "Remove the account from the resource policy (or the AWS RAM share), or, if it is meant to have access, add it to the trusted accounts (the baseline configuration file's trusted accounts).",
    };

    public IEnumerable<Finding> Run(PolicyContext context)
    {
        var owner = SharedResource.From(context.ProtectedResourceArn)?.Account;
        if (owner is null || context.Document.Kind != PolicyKind.Resource)
            yield break;
        foreach (var statement in context.Document.Statements.Where(s => s.Effect == Effect.Allow && s.Principal is { IsNot: false }))
        {
            // Open to an organization: untrusted when one is configured and the condition names another.
            var orgs = statement.Conditions.Where(c => c.Key.Equals("aws:PrincipalOrgID", StringComparison.OrdinalIgnoreCase) && !c.Operator.Negated).SelectMany(c => c.Values).ToList();
            if (context.TrustedOrganization is { } trustedOrg && statement.Principal!.IsEveryone && orgs.Count > 0 && !orgs.Contains(trustedOrg, StringComparer.Ordinal))
            {
                yield return context.Create(Descriptor, Severity.High,
                    $"{statement.Label} is open to organization {string.Join(", ", orgs.Select(o => $"`{Inline(o)}`"))}, not the trusted `{trustedOrg}`",
                    statement, statement.Principal.Location, Detail.Map(("organizations", Detail.List(orgs)), ("trustedOrganization", trustedOrg)), string.Join(",", orgs));
            }
            foreach (var entry in statement.Principal!.Entries)
            {
                if (entry.AccountId is not { } account || account == owner || context.TrustedAccounts.Contains(account))
                    continue;
                yield return context.Create(Descriptor, Severity.High,
                    $"{statement.Label} grants `{Inline(entry.Value)}` of account {account}, which is neither the owner ({owner}) nor a trusted account",
                    statement, entry.Location, Detail.Map(("account", account), ("owner", owner)), entry.NormalizedValue);
            }
        }
    }
}
