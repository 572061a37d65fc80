using ImAudit.AwsEmulator;
using ImAudit.Engine.Inventory;

// dotnet run --project tests/ImAudit.AwsEmulator -- --inventory FILE|DIR [--inventory FILE ...] --urls http://127.0.0.1:PORT
//   [--access-key test --secret-key test] [--bucket NAME ...] [--fault 'ssm-contacts:GetContactPolicy=AccessDenied' ...]
//   [--deny-assume ACCOUNT ...]   (the first inventory is the home account; the others are reached by AssumeRole)
var paths = Options("--inventory").SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p, "*.json").Order(StringComparer.Ordinal) : (IEnumerable<string>)[p]).ToList();
if (paths.Count == 0)
    paths.Add("samples/demo-account/inventory.json");
var urls = Options("--urls").FirstOrDefault() ?? "http://127.0.0.1:4566";
var inventories = new List<AccountInventory>();
foreach (var path in paths)
{
    var read = InputFile.Read(File.ReadAllBytes(path), path);
    if (read.Inventory is not { } inventory)
    {
        Console.Error.WriteLine($"imaudit-emulator: {read.Error}");
        return 2;
    }
    inventories.Add(inventory);
}
var options = new EmulatorOptions(inventories[0].AccountId)
{
    AccessKey = Options("--access-key").FirstOrDefault() ?? "test",
    SecretKey = Options("--secret-key").FirstOrDefault() ?? "test",
    DenyAssume = Options("--deny-assume").ToHashSet(StringComparer.Ordinal),
};
var emulator = new EmulatorApp(inventories, options);
foreach (var fault in Options("--fault"))
    emulator.Faults.Add(FaultRule.Parse(fault));
foreach (var bucket in Options("--bucket"))
    emulator.S3.CreateBucket(bucket);
var app = emulator.Build(urls);
await app.StartAsync();
Console.WriteLine($"imaudit AWS emulator: account{(inventories.Count > 1 ? "s" : "")} {string.Join(", ", emulator.AccountIds)} from {string.Join(", ", paths)} on {string.Join(", ", app.Urls)} (access key `{options.AccessKey}`)");
await app.WaitForShutdownAsync();
return 0;

IEnumerable<string> Options(string name) => args.Select((a, i) => (a, i)).Where(x => x.a == name && x.i + 1 < args.Length).Select(x => args[x.i + 1]);
