using ImAudit.Engine.Inventory;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Organizations;
using ImAudit.Engine.Rules.CrossAccount;

namespace ImAudit.Engine.Rules;

/// <summary>
/// Several accounts audited together: each account's context (the same one its own audit used), what is known of
/// the organization, and who reaches what across accounts — computed once, read by every cross-account rule.
/// </summary>
public sealed class OrganizationContext
{
    private readonly Lazy<IReadOnlyList<Share>> _shares;
    private readonly Lazy<IReadOnlyList<CrossAccountReach>> _reach;
    private readonly Dictionary<string, AccountContext> _byId = new(StringComparer.Ordinal);

    public OrganizationContext(IReadOnlyList<AccountContext> accounts, Organization? organization = null)
    {
        Accounts = accounts;
        Organization = organization ?? Organization.Unknown;
        _shares = new(() => [.. Share.All(this)]);
        _reach = new(() => ReachCalculator.Compute(this));
        foreach (var account in accounts)
            _byId.TryAdd(account.Inventory.AccountId, account);
    }

    /// <summary>The accounts, in account-id order.</summary>
    public IReadOnlyList<AccountContext> Accounts { get; }

    public Organization Organization { get; }

    public AccountContext? Account(string accountId) => _byId.GetValueOrDefault(accountId);

    /// <summary>Every resource policy of every account's response plans and contacts, parsed.</summary>
    internal IReadOnlyList<Share> Shares => _shares.Value;

    /// <summary>Every (principal of one account, shared resource of another) pair that both halves allow.</summary>
    public IReadOnlyList<CrossAccountReach> Reach => _reach.Value;
}

/// <summary>A rule over several accounts at once (IMA7xx, and the cross-account side of IMA306/IMA307).</summary>
internal interface IOrganizationRule
{
    RuleDescriptor Descriptor { get; }

    /// <summary>Findings, each with the account it belongs to.</summary>
    IEnumerable<Finding> Run(OrganizationContext context);
}
