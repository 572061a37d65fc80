using System.Collections.Immutable;

namespace ImAudit.Engine.Inventory;

/// <summary>One account of the organization as <c>aws organizations list-accounts</c> lists it.</summary>
public sealed record OrganizationMember(string Id, string? Name, string? Email, string State)
{
    public bool IsActive => State == "ACTIVE";
}

/// <summary>
/// What is known of the AWS organization the audited accounts belong to: from <c>aws organizations
/// describe-organization</c> (id, ARN, management account) and <c>list-accounts</c> (the members). Either may be
/// missing; <see cref="Members"/> is null when no account list was given, so "not a member" is never guessed.
/// </summary>
public sealed record Organization(string? Id, string? Arn, string? ManagementAccountId, ImmutableArray<OrganizationMember>? Members)
{
    public static Organization Unknown { get; } = new(null, null, null, null);

    public OrganizationMember? Member(string accountId) => Members?.FirstOrDefault(m => m.Id == accountId);

    /// <summary>True when the account is a listed member in state ACTIVE; null when there is no account list.</summary>
    public bool? IsActiveMember(string accountId) => Members is null ? null : Member(accountId)?.IsActive ?? false;

    /// <summary>The organization id a principal of the account carries in <c>aws:PrincipalOrgID</c>, when known.</summary>
    public string? OrgIdOf(string accountId) => Id is not null && IsActiveMember(accountId) != false ? Id : null;
}
