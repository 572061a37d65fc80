using System.Diagnostics;
using System.Text.Json;

namespace ImAudit.Cli.Tests;

/// <summary>Issue 13, item 6: `--out` holds the previous report set or the new one, never a mix, and no temporaries.</summary>
public sealed class ReportFilesTests : IDisposable
{
    private readonly string _parent = Path.Combine(Path.GetTempPath(), "imaudit-files-" + Guid.NewGuid().ToString("N"));

    private string Out => Path.Combine(_parent, "out");

    public void Dispose()
    {
        if (Directory.Exists(_parent))
            Directory.Delete(_parent, recursive: true);
    }

    private static (string, byte[])[] Set(string version, int batches) =>
        [("report.json", Bytes(version)), ("report.md", Bytes(version)), .. Enumerable.Range(1, batches).Select(i => ($"asff/batch-{i:000}.json", Bytes(version)))];

    private static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    private Dictionary<string, string> Contents() =>
        Directory.EnumerateFiles(Out, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(Out, f), File.ReadAllText);

    [Fact]
    public void A_new_set_replaces_the_old_one_whole_and_keeps_other_files()
    {
        ReportFiles.Write(Out, Set("v1", batches: 3));
        File.WriteAllText(Path.Combine(Out, "NOTES.txt"), "mine");

        ReportFiles.Write(Out, Set("v2", batches: 1));

        Assert.Equal(new Dictionary<string, string> { ["report.json"] = "v2", ["report.md"] = "v2", ["asff/batch-001.json"] = "v2", ["NOTES.txt"] = "mine" }, Contents());
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(_parent).Select(Path.GetFileName));
    }

    [Fact]
    public void Regression_a_write_that_fails_half_way_leaves_the_previous_set_whole()
    {
        ReportFiles.Write(Out, Set("v1", batches: 2));

        var error = Assert.Throws<UsageException>(() => ReportFiles.Write(Out, [("report.json", Bytes("v2")), ("asff/\0bad.json", Bytes("v2"))]));

        Assert.StartsWith("cannot write the report to `", error.Message, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, string> { ["report.json"] = "v1", ["report.md"] = "v1", ["asff/batch-001.json"] = "v1", ["asff/batch-002.json"] = "v1" }, Contents());
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(_parent).Select(Path.GetFileName));
    }

    [Fact]
    public void Regression_temporaries_of_a_killed_writer_are_removed_by_the_next_write_and_a_set_left_aside_is_restored()
    {
        var dead = DeadProcessId();
        var live = Environment.ProcessId;
        ReportFiles.Write(Out, Set("v1", batches: 1));
        Directory.CreateDirectory(Path.Combine(_parent, $".out.imaudit-new-{dead}-0123abcd"));
        File.WriteAllText(Path.Combine(_parent, $".out.imaudit-new-{dead}-0123abcd", "report.json"), "half");
        Directory.CreateDirectory(Path.Combine(_parent, $".out.imaudit-new-{live}-4567abcd"));
        File.WriteAllText(Path.Combine(Out, $"report.json.tmp-{dead}"), "older version's temporary");
        File.WriteAllText(Path.Combine(Out, "NOTES.txt"), "mine");
        // Killed between the fallback's two renames: the previous set is aside, the folder is gone.
        Directory.Move(Out, Path.Combine(_parent, $".out.imaudit-old-{dead}-89abcdef"));

        ReportFiles.Write(Out, Set("v2", batches: 1));

        Assert.Equal(["v2", "v2", "v2"], new[] { "report.json", "report.md", "asff/batch-001.json" }.Select(f => File.ReadAllText(Path.Combine(Out, f))));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(Out, "NOTES.txt")));
        Assert.False(File.Exists(Path.Combine(Out, $"report.json.tmp-{dead}")));
        Assert.Equal([$".out.imaudit-new-{live}-4567abcd", "out"], Directory.EnumerateFileSystemEntries(_parent).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Regression_a_scan_killed_while_writing_leaves_one_whole_set_and_the_next_scan_no_temporaries()
    {
        var random = new Random(13);
        for (var i = 0; i < 6; i++)
        {
            using var process = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "imaudit.dll"), "scan", "--out", Out])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            // Somewhere between the start and the end of a run (the write is at the end; some runs finish).
            Thread.Sleep(random.Next(300, 2500));
            process.Kill();
            process.WaitForExit();
            if (Directory.Exists(Out))
                AssertOneSet();
        }

        var last = CliRunner.Run(["scan", "--out", Out]);

        Assert.Equal(0, last.ExitCode);
        AssertOneSet();
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(_parent).Select(Path.GetFileName));
        Assert.DoesNotContain(Directory.EnumerateFiles(Out, "*", SearchOption.AllDirectories), f => f.Contains(".tmp-", StringComparison.Ordinal));
    }

    // report.json and snapshot.json of one run carry the same generatedAt.
    private void AssertOneSet()
    {
        using var report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Out, "report.json")));
        using var snapshot = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Out, "snapshot.json")));
        Assert.Equal(report.RootElement.GetProperty("generatedAt").GetString(), snapshot.RootElement.GetProperty("generatedAt").GetString());
        Assert.True(File.Exists(Path.Combine(Out, "report.md")));
    }

    private static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true"))!;
        process.WaitForExit();
        return process.Id;
    }
}
