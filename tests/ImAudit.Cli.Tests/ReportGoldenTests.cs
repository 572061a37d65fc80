using ImAudit.Cli.Commands;

namespace ImAudit.Cli.Tests;

/// <summary>
/// Issue 16: every report format of <c>imaudit scan --out DIR</c> on the embedded demo account, compared whole with
/// a golden file. The run's clock is fixed, so the only thing normalised is the report folder's absolute path.
/// </summary>
public sealed class ReportGoldenTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    private readonly string _out = Path.Combine(Path.GetTempPath(), "imaudit-golden-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
            Directory.Delete(_out, recursive: true);
    }

    /// <summary>The report files a scan writes (not its history) and the golden file each is compared with.</summary>
    public static TheoryData<string, string> Files => new()
    {
        { "report.json", "scan-demo.report.json" },
        { "report.md", "scan-demo.report.md" },
        { "report.html", "scan-demo.report.html" },
        { "snapshot.json", "scan-demo.snapshot.json" },
        { "asff/batch-001.json", "scan-demo.asff-batch-001.json" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_report_format_of_the_demo_scan_matches_its_golden_file(string file, string golden)
    {
        Scan();

        Golden.AssertMatches(golden, Normalise(File.ReadAllText(Path.Combine(_out, file))));
    }

    [Fact]
    public void The_golden_files_cover_every_report_file_the_scan_writes()
    {
        Scan();

        var written = Directory.EnumerateFiles(_out, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_out, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("history/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        Assert.Equal(Files.Select(row => (string)row[0]).Order(StringComparer.Ordinal), written);
    }

    private void Scan()
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var code = Cli.Run(["scan", "--out", _out], stdout, stderr, new CliEnvironment(new Dictionary<string, string>(), Interactive: false, Clock: new FixedClock(Now)));
        Assert.True(code is 0 or 1, $"exit {code}: {stderr}");
        Assert.Equal("", stderr.ToString());
    }

    // Paths may be written JSON-escaped (backslashes on Windows); both spellings become `OUT`.
    private string Normalise(string text) =>
        text.Replace(_out.Replace("\\", "\\\\", StringComparison.Ordinal), "OUT", StringComparison.Ordinal).Replace(_out, "OUT", StringComparison.Ordinal);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
