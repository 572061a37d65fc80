using BenchmarkDotNet.Attributes;
using ImAudit.Engine;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Reports;

namespace ImAudit.Bench;

/// <summary>The full scan (every rule) of synthetic accounts 1×, 10× and 50× Cloudsplaining's example (issue 3's target: 50× under 1 s, 300 MB).</summary>
[MemoryDiagnoser]
[GcConcurrent(false)] // as the CLI and the function run
public class ScanBenchmarks
{
    private AccountInventory _inventory = null!;
    private PolicyEngine _engine = null!;

    [Params(1, 10, 50)]
    public int Scale { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _inventory = SyntheticAccount.Generate(Scale);
        _engine = new PolicyEngine(IamCatalog.Default);
    }

    [Benchmark(Description = "scan: every rule")]
    public AuditReport Scan() => _engine.Audit(_inventory, DateTimeOffset.UnixEpoch);
}
