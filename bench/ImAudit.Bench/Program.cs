using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/ImAudit.Bench -- --filter '*EngineBenchmarks*' --job short   (or '*ScanBenchmarks*')
BenchmarkSwitcher.FromAssembly(typeof(ImAudit.Bench.EngineBenchmarks).Assembly).Run(args);
