using ImAudit.Engine;
using ImAudit.Engine.Inventory;

namespace ImAudit.Cli;

/// <summary>What <c>scan PATH</c> read: one account, or several with what is known of their organization.</summary>
internal sealed record ScanInput(IReadOnlyList<AccountInventory> Accounts, Organization? Organization);

/// <summary>
/// Reads what <c>scan PATH</c> names: an <c>inventory.json</c>, an <c>aws iam get-account-authorization-details</c>
/// output, or a folder holding one inventory or several authorization-details pages (merged) — or several accounts'
/// inventories (an organization, pages of one account merged), with the organization's AWS CLI outputs.
/// Unreadable input is a usage error (exit 2) naming the file and the problem.
/// </summary>
internal static class InputLoader
{
    /// <summary>The demo account shipped inside the CLI (samples/demo-account/inventory.json).</summary>
    public static AccountInventory Demo()
    {
        using var stream = typeof(InputLoader).Assembly.GetManifestResourceStream("ImAudit.Cli.demo-account.json")
            ?? throw new InvalidOperationException("the embedded demo account is missing from the imaudit assembly");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return InputFile.Read(buffer.ToArray(), "embedded demo account").Inventory
            ?? throw new InvalidOperationException("the embedded demo account does not read as an inventory");
    }

    public static AccountInventory Load(string path, TextWriter stderr)
    {
        var input = LoadAll(path, stderr);
        return input.Accounts.Count == 1 ? input.Accounts[0]
            : throw new UsageException($"`{MessageText.Inline(path)}` holds {input.Accounts.Count} accounts ({string.Join(", ", input.Accounts.Select(a => a.AccountId))})");
    }

    /// <summary>
    /// Every account PATH holds (a folder may hold several: an organization), with the organization's
    /// <c>describe-organization</c> and <c>list-accounts</c> outputs when the folder has them.
    /// </summary>
    public static ScanInput LoadAll(string path, TextWriter stderr)
    {
        if (!Directory.Exists(path))
            return new ScanInput([LoadFile(path, stderr)], null);
        var files = Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new UsageException($"`{MessageText.Inline(path)}` holds no .json file");
        var pages = new List<Page>();
        Organization? organization = null;
        foreach (var file in files)
        {
            var read = ReadFile(file, stderr, organization);
            if (read.Inventory is { } inventory)
                pages.Add(new Page(inventory, file));
            else
                organization = read.Organization;
        }
        if (pages.Count == 0)
            throw new UsageException($"`{MessageText.Inline(path)}` holds no inventory (only organization files)");
        // Several pages (or inventories) of one account merge; several accounts make an organization.
        // A page that names no account (no ARN to read it from) belongs to the folder's one account, when there is one.
        var ids = pages.Select(p => p.Inventory.AccountId).Where(a => a.Length > 0).Distinct().ToList();
        var accounts = pages.GroupBy(p => p.Inventory.AccountId.Length == 0 && ids.Count == 1 ? ids[0] : p.Inventory.AccountId)
            .Select(g => PageMerge.Merge([.. g], path, stderr)).ToList();
        return accounts.Count == 1 ? new ScanInput(accounts, null) : new ScanInput([.. accounts.OrderBy(a => a.AccountId, StringComparer.Ordinal)], organization);
    }

    private static AccountInventory LoadFile(string path, TextWriter stderr) =>
        ReadFile(path, stderr, null).Inventory is { } inventory ? PageMerge.Merge([new Page(inventory, path)], null, stderr) : throw new UsageException($"`{MessageText.Inline(path)}` is organization data, not an inventory; give the folder that holds it");

    private static (AccountInventory? Inventory, Organization? Organization) ReadFile(string path, TextWriter stderr, Organization? organization)
    {
        var read = InputFile.Read(PolicyFiles.ReadBytes(path), path, organization);
        if (read.Organization is not null)
            return (null, read.Organization);
        foreach (var skipped in read.Skipped)
            stderr.WriteLine($"imaudit: warning: `{MessageText.Inline(path)}` {skipped}");
        return (read.Inventory ?? throw new UsageException(read.Error!), null);
    }
}
