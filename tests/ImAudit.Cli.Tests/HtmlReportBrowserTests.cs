using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ImAudit.Cli.Tests;

/// <summary>The HTML report in a real headless Chromium (Debian `chromium`): it renders without console errors, filtering works, and a screenshot is taken.</summary>
public sealed class HtmlReportBrowserTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "imaudit-html-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
            Directory.Delete(_out, recursive: true);
    }

    private static (string Stdout, string Stderr) Chromium(params string[] args)
    {
        var path = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("chromium is not installed (apt-get install chromium; .ci/run installs it)");
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var profile = Path.Combine(Path.GetTempPath(), "imaudit-chromium-" + Guid.NewGuid().ToString("N"));
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile }.Concat(args))
            start.ArgumentList.Add(arg);
        try
        {
            return Run(start);
        }
        finally
        {
            if (Directory.Exists(profile))
                Directory.Delete(profile, recursive: true);
        }
    }

    private static (string Stdout, string Stderr) Run(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish in 90 s");
        }
        return (stdout.Result, stderr.Result);
    }

    [Fact]
    public void The_demo_report_renders_without_console_errors_filters_by_the_url_and_screenshots()
    {
        Assert.Equal(0, CliRunner.Run("scan", "--out", _out).ExitCode);
        var page = new Uri(Path.Combine(_out, "report.html")).AbsoluteUri;

        var (all, allLog) = Chromium("--dump-dom", page);
        var (filtered, filteredLog) = Chromium("--dump-dom", page + "#q=IMA301");
        var screenshot = Path.Combine(_out, "report.png");
        Chromium("--screenshot=" + screenshot, "--window-size=1400,2200", "--hide-scrollbars", page);

        // Console messages arrive on stderr as `CONSOLE(...)` / `Uncaught …`; an error-free page has none.
        Assert.DoesNotMatch(new Regex(@"Uncaught|CONSOLE\(\d+\).*(error|Error)"), allLog + filteredLog);
        var rows = Regex.Matches(all, "<tr class=\"finding\"[^>]*>").Select(m => m.Value).ToList();
        var visible = Regex.Matches(filtered, "<tr class=\"finding\"[^>]*>").Select(m => m.Value).Where(r => !r.Contains(" hidden", StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count > 10);
        Assert.NotEmpty(visible);
        Assert.True(visible.Count < rows.Count);
        Assert.All(visible, r => Assert.Contains("data-rule=\"IMA301\"", r, StringComparison.Ordinal));
        Assert.Matches($@"{visible.Count} of {rows.Count} shown", filtered);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, File.ReadAllBytes(screenshot).Take(4));
    }

    // Regression (issue 13): `#q=%` made decodeURIComponent throw, and the page's script stopped before filtering.
    [Theory]
    [InlineData("%", "%")]
    [InlineData("IMA3%", "ima3%")]
    [InlineData("IMA30%31", "ima301")]
    public void Regression_a_filter_that_is_not_valid_percent_encoding_is_taken_as_typed(string hash, string filter)
    {
        Assert.Equal(0, CliRunner.Run("scan", "--out", _out).ExitCode);
        var page = new Uri(Path.Combine(_out, "report.html")).AbsoluteUri;

        var (dom, log) = Chromium("--dump-dom", page + "#q=" + hash);

        Assert.DoesNotMatch(new Regex(@"Uncaught|CONSOLE\(\d+\).*(error|Error)"), log);
        var rows = Regex.Matches(dom, "<tr class=\"finding\"([^>]*)>(.*?)</tr>", RegexOptions.Singleline).ToList();
        var matching = rows.Count(r => System.Net.WebUtility.HtmlDecode(Regex.Replace(r.Groups[2].Value, "<[^>]*>", "")).Contains(filter, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(matching, rows.Count(r => !r.Groups[1].Value.Contains(" hidden", StringComparison.Ordinal)));
        Assert.Contains($"{matching} of {rows.Count} shown", dom, StringComparison.Ordinal);
    }
}
