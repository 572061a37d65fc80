using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/ImAudit.Bench -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(ImAudit.Bench.EngineBenchmarks).Assembly).Run(args);
