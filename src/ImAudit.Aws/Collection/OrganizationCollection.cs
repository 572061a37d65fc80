using System.Collections.Immutable;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Organizations;

namespace ImAudit.Aws.Collection;

/// <summary>
/// What an organization-wide collection brought back: every member account read (each with its own collection
/// errors), every active account that could not be read with the reason, the accounts skipped for their state, and
/// what went wrong with the organization itself (listing its accounts, describing it).
/// </summary>
public sealed record OrganizationCollection(
    string? OrganizationId,
    string? ManagementAccountId,
    ImmutableArray<AccountInventory> Accounts,
    ImmutableArray<AccountFailure> Failed,
    ImmutableArray<SkippedAccount> Skipped,
    ImmutableArray<string> Errors)
{
    /// <summary>Every listed account was read or skipped for its state, and the list itself is whole.</summary>
    public bool IsComplete => Failed.IsEmpty && Errors.IsEmpty;

    /// <summary>The organization's ARN, when it could be described.</summary>
    public string? OrganizationArn { get; init; }

    /// <summary>
    /// Every listed account, in account-id order, as <c>aws organizations list-accounts</c> gives it; null unless every
    /// page was read, so that an account missing from a partial list is never taken for an outsider.
    /// </summary>
    public ImmutableArray<OrganizationMember>? Members { get; init; }

    /// <summary>The organization as the engine knows it: what <c>scan DIR</c> reads from the same two AWS CLI outputs.</summary>
    public Organization Organization => new(OrganizationId, OrganizationArn, ManagementAccountId, Members);

    /// <summary>
    /// The accounts the audit does not cover: the failed ones (they make the audit incomplete) and the skipped ones,
    /// in account-id order.
    /// </summary>
    public ImmutableArray<AccountNotAudited> NotAudited =>
    [
        .. Failed.Select(f => AccountNotAudited.Failure(f.AccountId, f.Name, f.Reason))
            .Concat(Skipped.Select(s => AccountNotAudited.Skip(s.AccountId, s.Name, s.State)))
            .OrderBy(a => a.AccountId, StringComparer.Ordinal),
    ];
}

/// <summary>An active account whose member role could not be assumed or could not read it; the reason is one line.</summary>
public sealed record AccountFailure(string AccountId, string? Name, string Reason);

/// <summary>An account not audited because of its state (suspended, pending closure, closed, pending activation).</summary>
public sealed record SkippedAccount(string AccountId, string? Name, string State);
