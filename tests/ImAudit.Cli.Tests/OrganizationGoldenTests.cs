using ImAudit.Cli.Commands;

namespace ImAudit.Cli.Tests;

/// <summary>
/// Every file of <c>imaudit scan DIR</c> over the sample organization, compared whole with a golden file: the second
/// of two runs, so the report has drift and the snapshot and ASFF their first-seen times. Pins the organization's
/// writers (issue 14: they now stream) to the output they produced when they built each file whole.
/// </summary>
public sealed class OrganizationGoldenTests : IDisposable
{
    private static readonly DateTimeOffset First = new(2025, 3, 13, 9, 26, 53, TimeSpan.Zero);
    private static readonly DateTimeOffset Second = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    private readonly string _out = Path.Combine(Path.GetTempPath(), "imaudit-org-golden-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
            Directory.Delete(_out, recursive: true);
    }

    public static TheoryData<string, string> Files => new()
    {
        { "report.json", "scan-organization.report.json" },
        { "report.md", "scan-organization.report.md" },
        { "report.html", "scan-organization.report.html" },
        { "snapshot.json", "scan-organization.snapshot.json" },
        { "asff/batch-001.json", "scan-organization.asff-batch-001.json" },
        { "asff/batch-002.json", "scan-organization.asff-batch-002.json" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_file_of_the_organization_scan_matches_its_golden_file(string file, string golden)
    {
        var folder = ScanTwice();

        Golden.AssertMatches(golden, Normalise(File.ReadAllText(Path.Combine(folder, file))));
    }

    [Fact]
    public void The_golden_files_cover_every_file_the_organization_scan_writes()
    {
        var folder = ScanTwice();

        var written = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("history/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        Assert.Equal(Files.Select(row => (string)row[0]).Order(StringComparer.Ordinal), written);
    }

    private string ScanTwice()
    {
        var previous = Path.Combine(_out, "first");
        var folder = Path.Combine(_out, "second");
        Scan(First, "--out", previous);
        Scan(Second, "--out", folder, "--previous", Path.Combine(previous, "snapshot.json"));
        return folder;
    }

    private static void Scan(DateTimeOffset now, params string[] options)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var code = ScanCommand.Run(Arguments.Parse(ScanCommand.Verb, [CliRunner.Fixture("organization"), .. options]), stdout, stderr, new FixedClock(now),
            new CliEnvironment(new Dictionary<string, string>(), Interactive: false));
        Assert.True(code is 0 or 1, $"exit {code}: {stderr}");
        Assert.Equal("", stderr.ToString());
    }

    // The sample's and the report folder's absolute paths (each account's source names its file), both spellings.
    private string Normalise(string text)
    {
        foreach (var (path, name) in new[] { (CliRunner.Fixture("organization"), "SAMPLE"), (_out, "OUT") })
            text = text.Replace(path.Replace("\\", "\\\\", StringComparison.Ordinal), name, StringComparison.Ordinal).Replace(path, name, StringComparison.Ordinal);
        return text;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
