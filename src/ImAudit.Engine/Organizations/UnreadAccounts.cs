using ImAudit.Engine.Findings;

namespace ImAudit.Engine.Organizations;

/// <summary>
/// The accounts an organization audit failed to read, and which findings depend on them: a finding of such an account,
/// or a cross-account finding naming one (the principal's, the resource's or a grantee's account). Such a finding
/// cannot be confirmed or refuted this run: it is neither resolved now, nor new when the account is read again.
/// </summary>
internal sealed class UnreadAccounts(IEnumerable<AccountNotAudited> notAudited)
{
    private static readonly string[] AccountDetails = ["principalAccount", "resourceAccount", "granteeAccount"];

    private readonly HashSet<string> _ids = notAudited.Where(a => a.Failed).Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal);

    public bool IsEmpty => _ids.Count == 0;

    public bool Contains(string accountId) => _ids.Contains(accountId);

    public bool Touch(Finding finding) =>
        (finding.AccountId is { } id && Contains(id))
        || finding.Details.Entries.Any(e => AccountDetails.Contains(e.Key) && e.Value is TextDetail { Value: var account } && _ids.Contains(account));
}
