using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ImAudit.Cli.Tests;

/// <summary>
/// The HTML report in a real headless Chromium (Debian `chromium`): it renders without console errors and without
/// horizontal overflow at 1280 and 1920 px, the view in the URL's fragment (filters, grouping) shows the rows it
/// says, and screenshots are taken (written to docs/img with IMAUDIT_UPDATE_GOLDEN=1, for the README).
/// </summary>
public sealed class HtmlReportBrowserTests : IDisposable
{
    private static readonly Regex ConsoleError = new(@"Uncaught|CONSOLE\(\d+\).*(error|Error)|Content Security Policy|Refused to");
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

    /// <summary>The page's DOM after its script ran, at a window <paramref name="width"/> px wide; fails on a console error.</summary>
    private static string Dom(string page, int width = 1280)
    {
        var (dom, log) = Chromium("--dump-dom", $"--window-size={width},900", page);
        Assert.DoesNotMatch(ConsoleError, log);
        return dom;
    }

    // The demo account scanned twice, the second run against the first's snapshot: a trend of two runs and a drift section.
    private string DemoPage(string? previous = null)
    {
        var first = Path.Combine(_out, "first");
        if (!Directory.Exists(first))
            Assert.Equal(0, CliRunner.Run("scan", "--out", first).ExitCode);
        var second = Path.Combine(_out, "second-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(0, CliRunner.Run("scan", "--out", second, "--previous", previous ?? Path.Combine(first, "snapshot.json")).ExitCode);
        return new Uri(Path.Combine(second, "report.html")).AbsoluteUri;
    }

    private sealed record Row(string Attributes, string Text, bool Hidden, string? Group)
    {
        public int Severity => int.Parse(Regex.Match(Attributes, "data-sev=\"(\\d)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        public string Rule => Regex.Match(Attributes, "data-rule=\"([^\"]*)\"").Groups[1].Value;

        public string Drift => Regex.Match(Attributes, "data-drift=\"([^\"]*)\"").Groups[1].Value;

        public string Resource => WebUtility.HtmlDecode(Regex.Match(Text, "<code class=\"res\">([^<]*)</code>").Groups[1].Value);
    }

    // The findings table's rows in page order, each with the group heading above it (when grouped).
    private static List<Row> Rows(string dom)
    {
        var body = Regex.Match(dom, "<table id=\"findings-table\".*?</table>", RegexOptions.Singleline).Value;
        var rows = new List<Row>();
        string? group = null;
        foreach (Match m in Regex.Matches(body, "<tr class=\"(finding|group)\"([^>]*)>(.*?)</tr>", RegexOptions.Singleline))
        {
            if (m.Groups[1].Value == "group")
                group = WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(m.Groups[3].Value, "<span class=\"meta\">.*?</span>", ""), "<[^>]*>", "")).Split(" — ")[0].Trim();
            else
                rows.Add(new Row(m.Groups[2].Value, m.Groups[3].Value, m.Groups[2].Value.Contains(" hidden", StringComparison.Ordinal), group));
        }
        return rows;
    }

    private static void Screenshot(string page, int width, int height, string name, string directory)
    {
        var shot = Path.Combine(directory, name);
        Chromium("--screenshot=" + shot, $"--window-size={width},{height}", "--hide-scrollbars", page);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, File.ReadAllBytes(shot).Take(4));
        if (Environment.GetEnvironmentVariable("IMAUDIT_UPDATE_GOLDEN") == "1")
            File.Copy(shot, Path.Combine(DocsImages(), name), overwrite: true);
    }

    private static string DocsImages([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", "docs", "img"));

    private static void AssertNoHorizontalOverflow(string dom, int width)
    {
        var scroll = Regex.Match(dom, "<html[^>]*data-scroll-width=\"(\\d+)\"").Groups[1].Value;
        var client = Regex.Match(dom, "<html[^>]*data-client-width=\"(\\d+)\"").Groups[1].Value;
        Assert.True(scroll.Length > 0 && client.Length > 0, "the page did not record its width");
        Assert.True(int.Parse(scroll, System.Globalization.CultureInfo.InvariantCulture) <= int.Parse(client, System.Globalization.CultureInfo.InvariantCulture),
            $"at {width} px the page is {scroll} px wide for a {client} px window");
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(1920)]
    public void The_report_renders_without_console_errors_or_horizontal_overflow_and_screenshots(int width)
    {
        var page = DemoPage();

        var dom = Dom(page, width);

        AssertNoHorizontalOverflow(dom, width);
        Assert.Contains("<svg id=\"trend-chart\"", dom, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(Regex.Match(dom, "<svg id=\"trend-chart\".*?</svg>", RegexOptions.Singleline).Value, "<g class=\"run\">"));
        Assert.Contains("<svg id=\"reach-svg\"", dom, StringComparison.Ordinal);
        Assert.Contains("id=\"matrix-frame\"", dom, StringComparison.Ordinal);
        Assert.Contains("<section class=\"rule\" id=\"rule-IMA301\">", dom, StringComparison.Ordinal);
        Screenshot(page, width, 2400, $"report-{width}.png", _out);
    }

    [Fact]
    public void A_text_filter_in_the_url_shows_only_the_matching_rows()
    {
        var dom = Dom(DemoPage() + "#q=IMA301");

        var rows = Rows(dom);
        var visible = rows.Where(r => !r.Hidden).ToList();
        Assert.True(rows.Count > 10);
        Assert.NotEmpty(visible);
        Assert.True(visible.Count < rows.Count);
        Assert.All(visible, r => Assert.Equal("IMA301", r.Rule));
        Assert.Contains($"{visible.Count} of {rows.Count} shown", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void Grouped_by_rule_at_high_and_above_every_visible_row_is_high_or_critical_under_its_rule_heading()
    {
        var page = DemoPage() + "#group=rule&sev=high";

        var dom = Dom(page);

        var rows = Rows(dom);
        var visible = rows.Where(r => !r.Hidden).ToList();
        Assert.NotEmpty(visible);
        Assert.Equal(rows.Count(r => r.Severity >= 3), visible.Count);
        Assert.All(visible, r => Assert.Equal(r.Rule, r.Group));
        Assert.Equal(visible.Select(r => r.Rule).Distinct().Count(), Regex.Count(dom, "<tr class=\"group\">"));
        Assert.Contains("data-view=\"group=rule&amp;sev=high\"", dom, StringComparison.Ordinal);
        Screenshot(page, 1280, 1600, "report-grouped-1280.png", _out);
    }

    [Fact]
    public void Grouped_by_principal_each_row_sits_under_its_principal()
    {
        var dom = Dom(DemoPage() + "#group=principal&q=IMA301");

        var visible = Rows(dom).Where(r => !r.Hidden).ToList();
        Assert.True(visible.Count > 1);
        Assert.All(visible, r => Assert.Equal(r.Resource, r.Group));
        Assert.All(visible, r => Assert.Matches(":iam::[0-9]*:(user|role)/", r.Resource));
        Assert.Equal(visible.Select(r => r.Resource).Distinct().Count(), Regex.Count(dom, "<tr class=\"group\">"));
    }

    [Fact]
    public void The_drift_filter_shows_the_new_or_the_resolved_findings()
    {
        // A previous snapshot without this run's IMA301 findings, and with one finding this run does not have.
        var first = Path.Combine(_out, "first");
        Assert.Equal(0, CliRunner.Run("scan", "--out", first).ExitCode);
        var snapshot = JsonNode.Parse(File.ReadAllText(Path.Combine(first, "snapshot.json")))!;
        var findings = snapshot["findings"]!.AsArray();
        var removed = findings.Where(f => (string?)f!["ruleId"] == "IMA301").ToList();
        foreach (var f in removed)
            findings.Remove(f);
        var gone = findings[0]!.DeepClone();
        gone["fingerprint"] = "0123456789abcdef0123456789abcdef";
        findings.Add(gone);
        var previous = Path.Combine(_out, "previous.json");
        File.WriteAllText(previous, snapshot.ToJsonString());
        var page = DemoPage(previous);

        var fresh = Rows(Dom(page + "#drift=new")).Where(r => !r.Hidden).ToList();
        var resolved = Rows(Dom(page + "#drift=resolved")).Where(r => !r.Hidden).ToList();
        var current = Rows(Dom(page)).Where(r => !r.Hidden).ToList();

        Assert.Equal(removed.Count, fresh.Count);
        Assert.All(fresh, r => Assert.Equal(("IMA301", "new"), (r.Rule, r.Drift)));
        Assert.Equal("resolved", Assert.Single(resolved).Drift);
        Assert.DoesNotContain(current, r => r.Drift == "resolved");
        Assert.Equal(findings.Count - 1 + removed.Count, current.Count);
    }

    [Fact]
    public void The_organization_report_renders_without_errors_or_overflow_with_its_reach_picture()
    {
        var reports = Path.Combine(_out, "organization");
        Assert.Equal(0, CliRunner.Run("scan", CliRunner.Fixture("organization"), "--out", reports).ExitCode);
        var page = new Uri(Path.Combine(reports, "report.html")).AbsoluteUri;

        var dom = Dom(page);

        AssertNoHorizontalOverflow(dom, 1280);
        Assert.Contains("<svg id=\"reach-svg\"", dom, StringComparison.Ordinal);
        Assert.Matches("<text[^>]*>[^<]* · \\d{12}", dom);
        var visible = Rows(Dom(page + "#group=resource&sev=medium")).Where(r => !r.Hidden).ToList();
        Assert.NotEmpty(visible);
        Assert.All(visible, r => Assert.Equal(r.Resource, r.Group));
        Screenshot(page, 1280, 2000, "report-organization-1280.png", _out);
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

        Assert.DoesNotMatch(ConsoleError, log);
        var rows = Regex.Matches(dom, "<tr class=\"finding\"([^>]*)>(.*?)</tr>", RegexOptions.Singleline).ToList();
        var matching = rows.Count(r => WebUtility.HtmlDecode(Regex.Replace(r.Groups[2].Value, "<[^>]*>", "")).Contains(filter, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(matching, rows.Count(r => !r.Groups[1].Value.Contains(" hidden", StringComparison.Ordinal)));
        Assert.Contains($"{matching} of {rows.Count} shown", dom, StringComparison.Ordinal);
    }
}
