using System.Diagnostics;
using ImAudit.Engine;
using ImAudit.Engine.Catalog;

namespace ImAudit.Bench;

/// <summary>
/// The memory one scan needs, measured in a fresh process (BenchmarkDotNet reports what a scan allocates, not how
/// much it holds at once): the largest live heap after a collection during the scan, and the peak
/// working set of the whole process (runtime, catalogue, the synthetic inventory and the scan).
/// </summary>
public static class ScanMemory
{
    public static void Run(int scale)
    {
        var inventory = SyntheticAccount.Generate(scale);
        var engine = new PolicyEngine(IamCatalog.Default);
        _ = IamCatalog.Default.ActionCount;
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var peakHeap = 0L;
        using var done = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            while (!done.Wait(1))
                peakHeap = Math.Max(peakHeap, GC.GetGCMemoryInfo().HeapSizeBytes);
        }) { IsBackground = true };
        sampler.Start();
        var clock = Stopwatch.StartNew();
        var report = engine.Audit(inventory, DateTimeOffset.UnixEpoch);
        clock.Stop();
        done.Set();
        sampler.Join();
        peakHeap = Math.Max(peakHeap, GC.GetGCMemoryInfo().HeapSizeBytes);
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(report);
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{scale}x: {inventory.Users.Length + inventory.Roles.Length:N0} principals, first scan {clock.ElapsedMilliseconds} ms (cold), {report.Findings.Length:N0} findings; " +
            $"heap before {before / 1048576.0:F0} MB, live heap after its collections at most {peakHeap / 1048576.0:F0} MB, report keeps {retained / 1048576.0:F0} MB, " +
            $"process peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MB"));
    }
}
