namespace ImAudit.Engine.Organizations;

/// <summary>
/// An account of the organization the audit does not cover, with the reason in one line. A failed account (its
/// member role could not be assumed, it could not be read, its audit left no snapshot) makes the organization audit
/// incomplete; a skipped one (suspended, closed, pending) does not, since there is nothing in it to audit.
/// </summary>
public sealed record AccountNotAudited(string AccountId, string? Name, string? State, string Reason, bool Failed)
{
    public static AccountNotAudited Failure(string accountId, string? name, string reason) => new(accountId, name, null, reason, true);

    /// <summary>Skipped for its state; null when only "not ACTIVE" is known (the state machine's choice, without the account list).</summary>
    public static AccountNotAudited Skip(string accountId, string? name, string? state) =>
        new(accountId, name, state, state is null ? "not audited: not ACTIVE when the accounts were listed" : $"not audited in state {state}", false);
}
