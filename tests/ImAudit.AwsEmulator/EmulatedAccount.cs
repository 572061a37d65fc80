using ImAudit.Engine.Inventory;

namespace ImAudit.AwsEmulator;

/// <summary>One served account: its inventory, the handlers answering from it, and the errors it records as unreadable.</summary>
internal sealed class EmulatedAccount
{
    public EmulatedAccount(AccountInventory inventory, EmulatorOptions options, IReadOnlyCollection<string> assumableRoles, Func<string, bool> isMember, S3Handler s3)
    {
        Inventory = inventory;
        Handlers = new IServiceHandler[]
        {
            new IamHandler(inventory), new StsHandler(options, assumableRoles) { IsMemberAccount = isMember }, new IncidentsHandler(inventory), new ContactsHandler(inventory), s3,
        }.ToDictionary(h => h.Service, StringComparer.Ordinal);
        // What the inventory records as unreadable stays unreadable: a collector meets the same error again.
        Recorded = inventory.CollectionErrors.DistinctBy(e => (e.Service, e.Operation, e.Resource)).ToDictionary(e => (e.Service, e.Operation, e.Resource));
    }

    public AccountInventory Inventory { get; }

    public Dictionary<string, IServiceHandler> Handlers { get; }

    public Dictionary<(string Service, string Operation, string Resource), CollectionError> Recorded { get; }
}
