using System.Collections.Immutable;

namespace ImAudit.Engine.Inventory;

/// <summary>
/// What one input file holds: an account's <see cref="Inventory"/> (an ImAudit <c>inventory.json</c>, or
/// <c>aws iam get-account-authorization-details</c> output as the AWS CLI writes it), or what it says of the
/// <see cref="Organization"/> (<c>aws organizations describe-organization</c> or <c>list-accounts</c> output), or
/// else the <see cref="Error"/>: one line naming the file and what is wrong. <see cref="Skipped"/> lists the entries
/// of an inventory left out (an entry with no ARN), one line each.
/// </summary>
public sealed record InputFile
{
    private InputFile(AccountInventory? inventory, Organization? organization, string? error, ImmutableArray<string> skipped)
    {
        Inventory = inventory;
        Organization = organization;
        Error = error;
        Skipped = skipped;
    }

    public AccountInventory? Inventory { get; }

    /// <summary>The organization known before this file (<c>Read</c>'s <c>organization</c>) with what the file adds.</summary>
    public Organization? Organization { get; }

    public string? Error { get; }

    public ImmutableArray<string> Skipped { get; }

    /// <summary>
    /// Reads <paramref name="json"/>, the file at <paramref name="path"/> (which messages name). An organization file
    /// adds to <paramref name="organization"/>: several pages of <c>list-accounts</c> and the
    /// <c>describe-organization</c> output make one organization.
    /// </summary>
    public static InputFile Read(ReadOnlyMemory<byte> json, string path, Organization? organization = null)
    {
        if (JsonInput.Parse(json, path, readableValues: false, out var error) is not { } document)
            return new InputFile(null, null, error, []);
        using (document)
        {
            var root = document.RootElement;
            if (OrganizationJson.IsDescribeOrganization(root) || OrganizationJson.IsListAccounts(root))
                return new InputFile(null, ReadOrganization(json, path, organization ?? Organization.Unknown), null, []);
            var result = InventoryJson.Recognises(root) ? InventoryJson.Read(root, path)
                : AuthorizationDetailsImporter.Recognises(root) ? AuthorizationDetailsImporter.Import(root, path)
                : new ImportResult(null, $"`{MessageText.Whole(path)}` is neither an ImAudit inventory nor `aws iam get-account-authorization-details` output", []);
            return new InputFile(result.Inventory, null, result.Error, result.Skipped);
        }
    }

    // The organization's outputs hold names and ids, no policy: a lone surrogate escape in one reads as U+FFFD.
    private static Organization ReadOrganization(ReadOnlyMemory<byte> json, string path, Organization into)
    {
        using var document = JsonInput.Parse(json, path, readableValues: true, out _)!;
        var root = document.RootElement;
        return OrganizationJson.IsDescribeOrganization(root) ? OrganizationJson.ReadOrganization(root, into) : OrganizationJson.ReadAccounts(root, into);
    }
}
