using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/ImAudit.Bench -- --filter '*EngineBenchmarks*' --job short   (or '*ScanBenchmarks*')
// dotnet run -c Release --project bench/ImAudit.Bench -- memory 50   (the memory one 50x scan holds, in a fresh process)
// dotnet run -c Release --project bench/ImAudit.Bench -- organization 1000 DIR [ORGANIZATION.json]   (a report store for the aggregate step)
// dotnet run -c Release --project bench/ImAudit.Bench -- inventory 50 FILE   (the synthetic 50x account as inventory.json, for `imaudit scan FILE`)
if (args is ["memory", var scale])
    ImAudit.Bench.ScanMemory.Run(int.Parse(scale, System.Globalization.CultureInfo.InvariantCulture));
else if (args is ["organization", var count, var directory, .. var rest] && rest.Length <= 1)
    ImAudit.Bench.OrganizationStore.Write(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), directory, rest.FirstOrDefault());
else if (args is ["inventory", var size, var file])
    File.WriteAllBytes(file, ImAudit.Engine.Inventory.InventoryJson.Write(ImAudit.Bench.SyntheticAccount.Generate(int.Parse(size, System.Globalization.CultureInfo.InvariantCulture))));
else
    BenchmarkSwitcher.FromAssembly(typeof(ImAudit.Bench.EngineBenchmarks).Assembly).Run(args);
