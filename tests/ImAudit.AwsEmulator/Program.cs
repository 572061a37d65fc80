using ImAudit.AwsEmulator;
using ImAudit.Engine.Inventory;

// dotnet run --project tests/ImAudit.AwsEmulator -- --inventory FILE --urls http://127.0.0.1:PORT
//   [--access-key test --secret-key test] [--bucket NAME ...] [--fault 'ssm-contacts:GetContactPolicy=AccessDenied' ...]
var inventoryPath = Option("--inventory") ?? "samples/demo-account/inventory.json";
var urls = Option("--urls") ?? "http://127.0.0.1:4566";
var read = InventoryJson.Read(File.ReadAllBytes(inventoryPath), inventoryPath);
if (read.Inventory is not { } inventory)
{
    Console.Error.WriteLine($"imaudit-emulator: {read.Error}");
    return 2;
}
var options = new EmulatorOptions(inventory.AccountId) { AccessKey = Option("--access-key") ?? "test", SecretKey = Option("--secret-key") ?? "test" };
var emulator = new EmulatorApp(inventory, options);
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--fault")
        emulator.Faults.Add(FaultRule.Parse(args[i + 1]));
    if (args[i] == "--bucket")
        emulator.S3.CreateBucket(args[i + 1]);
}
var app = emulator.Build(urls);
await app.StartAsync();
Console.WriteLine($"imaudit AWS emulator: account {inventory.AccountId} from {inventoryPath} on {string.Join(", ", app.Urls)} (access key `{options.AccessKey}`)");
await app.WaitForShutdownAsync();
return 0;

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
