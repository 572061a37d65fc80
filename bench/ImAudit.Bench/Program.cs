using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/ImAudit.Bench -- --filter '*EngineBenchmarks*' --job short   (or '*ScanBenchmarks*')
// dotnet run -c Release --project bench/ImAudit.Bench -- memory 50   (the memory one 50x scan holds, in a fresh process)
if (args is ["memory", var scale])
    ImAudit.Bench.ScanMemory.Run(int.Parse(scale, System.Globalization.CultureInfo.InvariantCulture));
else
    BenchmarkSwitcher.FromAssembly(typeof(ImAudit.Bench.EngineBenchmarks).Assembly).Run(args);
