using System.Collections.Immutable;
using ImAudit.Engine.Inventory;

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
}

/// <summary>An active account whose member role could not be assumed or could not read it; the reason is one line.</summary>
public sealed record AccountFailure(string AccountId, string? Name, string Reason);

/// <summary>An account not audited because of its state (suspended, pending closure, closed, pending activation).</summary>
public sealed record SkippedAccount(string AccountId, string? Name, string State);
