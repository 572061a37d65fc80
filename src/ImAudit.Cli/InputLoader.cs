using System.Collections.Immutable;
using System.Text.Json;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Policies;

namespace ImAudit.Cli;

/// <summary>
/// Reads what <c>scan PATH</c> names: an <c>inventory.json</c>, an <c>aws iam get-account-authorization-details</c>
/// output, or a folder holding one inventory or several authorization-details pages (merged).
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
        return InventoryJson.Read(buffer.ToArray(), "embedded demo account").Inventory
            ?? throw new InvalidOperationException("the embedded demo account does not read as an inventory");
    }

    public static AccountInventory Load(string path, TextWriter stderr)
    {
        if (Directory.Exists(path))
            return LoadFolder(path, stderr);
        return LoadFile(path, stderr);
    }

    private static AccountInventory LoadFile(string path, TextWriter stderr)
    {
        var bytes = PolicyFiles.ReadBytes(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new UsageException($"`{MessageText.Inline(path)}` line {e.LineNumber + 1}: not valid JSON");
        }
        using (document)
        {
            var result = InventoryJson.Recognises(document.RootElement) ? InventoryJson.Read(document.RootElement, path)
                : AuthorizationDetailsImporter.Recognises(document.RootElement) ? AuthorizationDetailsImporter.Import(document.RootElement, path)
                : new ImportResult(null, $"`{MessageText.Inline(path)}` is neither an ImAudit inventory nor `aws iam get-account-authorization-details` output", []);
            foreach (var skipped in result.Skipped)
                stderr.WriteLine($"imaudit: warning: `{MessageText.Inline(path)}` {skipped}");
            return result.Inventory ?? throw new UsageException(result.Error!);
        }
    }

    // Several pages of authorization details (the raw API paginates) are merged into one account.
    private static AccountInventory LoadFolder(string path, TextWriter stderr)
    {
        var files = Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new UsageException($"`{MessageText.Inline(path)}` holds no .json file");
        var inventories = files.Select(f => LoadFile(f, stderr)).ToList();
        if (inventories.Count == 1)
            return inventories[0];
        var accounts = inventories.Select(i => i.AccountId).Where(a => a.Length > 0).Distinct().ToList();
        if (accounts.Count > 1)
            throw new UsageException($"`{MessageText.Inline(path)}` mixes accounts {string.Join(", ", accounts)}; scan one account per folder");
        var first = inventories[0];
        return first with
        {
            AccountId = accounts.FirstOrDefault() ?? "",
            Users = Merge(inventories, i => i.Users, u => u.Arn),
            Groups = Merge(inventories, i => i.Groups, g => g.Arn),
            Roles = Merge(inventories, i => i.Roles, r => r.Arn),
            Policies = Merge(inventories, i => i.Policies, p => p.Arn),
            ResponsePlans = Merge(inventories, i => i.ResponsePlans, p => p.Arn),
            Contacts = Merge(inventories, i => i.Contacts, c => c.Arn),
            CollectionErrors = [.. inventories.SelectMany(i => i.CollectionErrors)],
            Source = path,
        };
    }

    private static ImmutableArray<T> Merge<T>(List<AccountInventory> inventories, Func<AccountInventory, ImmutableArray<T>> items, Func<T, string> key) =>
        [.. inventories.SelectMany(i => (IEnumerable<T>)items(i)).DistinctBy(key)];
}
