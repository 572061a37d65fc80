using System.Collections.Immutable;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.ManagedPolicies;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Principals;

internal enum PrincipalKind
{
    User,
    Role,
}

/// <summary>A managed policy attached to the principal, directly or through a group.</summary>
internal sealed record AttachmentRef(string PolicyArn, string PolicyName, string? ViaGroup);

/// <summary>An AWS managed policy the input names without its document, audited from ImAudit's copy of this version.</summary>
public sealed record AssumedPolicy(string Arn, ManagedPolicyVersion Version);

/// <summary>
/// Everything in force for one principal: its identity policies (inline, attached, and its groups' for a user),
/// its permissions boundary, and attachments whose document could not be found (a coverage gap, not a guess).
/// </summary>
internal sealed record PrincipalPolicies(
    string Arn,
    string Name,
    PrincipalKind Kind,
    string Path,
    ImmutableArray<PolicyDocument> Identity,
    ImmutableArray<PolicyDocument>? Boundary,
    ImmutableArray<AttachmentRef> Attachments,
    ImmutableArray<string> MissingPolicies,
    PolicyDocument? TrustPolicy,
    ImmutableArray<Tag> Tags)
{
    /// <summary>AWS managed policies in force whose document the input lacks, taken from ImAudit's copy.</summary>
    public ImmutableArray<AssumedPolicy> AssumedPolicies { get; init; } = [];
}

/// <summary>Resolves the policies of every user and role of an inventory, each document parsed once.</summary>
internal sealed class PrincipalResolver(AccountInventory inventory, DocumentCache documents)
{
    private readonly Dictionary<string, (PolicyDocument Document, AssumedPolicy? Assumed)?> _managed = new(StringComparer.Ordinal);

    private readonly Lazy<IReadOnlyDictionary<string, ManagedPolicy>> _policies = new(inventory.PoliciesByArn);

    public IEnumerable<PrincipalPolicies> All()
    {
        // IAM group names are unique in an account; an input that repeats one (merged pages, a hand-made file) gives a
        // member the policies of every group of that name, never fewer.
        var groups = inventory.Groups.ToLookup(g => g.Name, StringComparer.Ordinal);
        foreach (var user in inventory.Users)
        {
            var memberOf = user.Groups.Distinct(StringComparer.Ordinal).SelectMany(g => groups[g]).ToList();
            var inline = user.InlinePolicies.Select(p => Inline(user.Arn, p))
                .Concat(memberOf.SelectMany(g => g.InlinePolicies.Select(p => Inline(g.Arn, p))));
            var attached = user.AttachedPolicies.Select(a => new AttachmentRef(a.Arn, a.Name, null))
                .Concat(memberOf.SelectMany(g => g.AttachedPolicies.Select(a => new AttachmentRef(a.Arn, a.Name, g.Name))));
            yield return Resolve(user.Arn, user.Name, PrincipalKind.User, user.Path, inline, attached, user.PermissionsBoundaryArn, null, user.Tags);
        }
        foreach (var role in inventory.Roles)
        {
            var trust = role.TrustPolicy is null ? null : documents.Parse(role.TrustPolicy, PolicyKind.Trust, AccountDocument.TrustName(role.Arn));
            yield return Resolve(role.Arn, role.Name, PrincipalKind.Role, role.Path, role.InlinePolicies.Select(p => Inline(role.Arn, p)),
                role.AttachedPolicies.Select(a => new AttachmentRef(a.Arn, a.Name, null)), role.PermissionsBoundaryArn, trust, role.Tags);
        }
    }

    private PrincipalPolicies Resolve(string arn, string name, PrincipalKind kind, string path, IEnumerable<PolicyDocument> inline,
        IEnumerable<AttachmentRef> attachments, string? boundaryArn, PolicyDocument? trust, ImmutableArray<Tag> tags)
    {
        var attached = attachments.ToImmutableArray();
        var missing = ImmutableArray.CreateBuilder<string>();
        var assumed = ImmutableArray.CreateBuilder<AssumedPolicy>();
        var documents = inline.ToList();
        foreach (var attachment in attached.DistinctBy(a => a.PolicyArn))
        {
            if (Managed(attachment.PolicyArn) is { } found)
            {
                documents.Add(found.Document);
                if (found.Assumed is { } a)
                    assumed.Add(a);
            }
            else
            {
                missing.Add(attachment.PolicyArn);
            }
        }
        ImmutableArray<PolicyDocument>? boundary = null;
        if (boundaryArn is not null)
        {
            if (Managed(boundaryArn) is { } b)
            {
                boundary = [b.Document];
                if (b.Assumed is { } a && !assumed.Contains(a))
                    assumed.Add(a);
            }
            else
            {
                missing.Add(boundaryArn);
            }
        }
        return new PrincipalPolicies(arn, name, kind, path, [.. documents], boundary, attached, missing.ToImmutable(), trust, tags)
        {
            AssumedPolicies = assumed.ToImmutable(),
        };
    }

    private PolicyDocument Inline(string owner, InlinePolicy policy) =>
        documents.Parse(policy.Document, PolicyKind.Identity, AccountDocument.InlineName(owner, policy.Name));

    // The inventory's default version; for an AWS managed policy the inventory does not carry (an export may list
    // attachments without the policies), ImAudit's copy of its default version, said so in the report.
    private (PolicyDocument Document, AssumedPolicy? Assumed)? Managed(string arn)
    {
        if (_managed.TryGetValue(arn, out var cached))
            return cached;
        (PolicyDocument, AssumedPolicy?)? found = null;
        if (_policies.Value.GetValueOrDefault(arn)?.DefaultVersion is { } version)
            found = (documents.Parse(version.Document, PolicyKind.Identity, arn), null);
        else if (ManagedPolicyLibrary.NameOf(arn) is { } name && ManagedPolicyLibrary.Default(name) is { } copy)
            found = (documents.Parse(copy.DocumentJson, PolicyKind.Identity, arn), new AssumedPolicy(arn, copy));
        _managed[arn] = found;
        return found;
    }
}
