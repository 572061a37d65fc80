using ImAudit.Engine.Inventory;
using System.Collections.Immutable;
using System.Net;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Organizations;
using ImAudit.Engine.Reports;
using ImAudit.Engine.Tests.Differential;
using static ImAudit.Engine.Tests.Reporting.ReportMarkdownEscapingTests;

namespace ImAudit.Engine.Tests.Reporting;

/// <summary>
/// The hostile reports of <see cref="ReportMarkdownEscapingTests"/> through a real CommonMark renderer with GFM
/// tables (markdown-it, pinned in tests/markdown), raw HTML allowed: no element or link comes out of the account's
/// data, and every hostile name comes out whole in a code element.
/// </summary>
public sealed class MarkdownRendererTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly PolicyEngine Engine = new(IamCatalog.Default);

    [NodeFact]
    public void Regression_markdown_it_renders_no_markup_from_hostile_names_and_messages()
    {
        var organization = new Organization("o-a1b2c3d4e5", null, "111122223333",
            ImmutableArray.Create(new OrganizationMember("444455556666", $"ops`{Img}`|x", null, "ACTIVE")));
        var reports = new[]
        {
            ReportMarkdown.Render(Engine.Audit(HostileAccount(), Now)),
            OrganizationReportMarkdown.Render(Engine.AuditOrganization([HostileAccount(), HostileAccount("444455556666")], organization, Now)),
        };

        foreach (var markdown in reports)
        {
            var html = Render(markdown);

            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("javascript:alert(1)\"", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<h1>b", html, StringComparison.Ordinal);
            foreach (var name in HostileNames.Where(n => !n.Contains('\n', StringComparison.Ordinal)))
                Assert.Contains($"<code>{WebUtility.HtmlEncode($"arn:aws:iam::{Rules.AccountHarness.AccountId}:role/{name}")}</code>", html, StringComparison.Ordinal);
        }
    }

    private static string Render(string markdown)
    {
        var project = Path.Combine(RepositoryRoot(), "tests", "markdown");
        if (!Directory.Exists(Path.Combine(project, "node_modules")))
            Ok(NodeTool.Run("npm", project, TimeSpan.FromMinutes(5), "ci", "--no-audit", "--no-fund"), "npm ci");
        var dir = Directory.CreateTempSubdirectory("imaudit-markdown-").FullName;
        try
        {
            var file = Path.Combine(dir, "report.md");
            File.WriteAllText(file, markdown);
            return Ok(NodeTool.Run("node", project, TimeSpan.FromMinutes(1), "render.mjs", file), "node render.mjs");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Ok((int ExitCode, string Stdout, string Stderr) run, string what) =>
        run.ExitCode == 0 ? run.Stdout : throw new InvalidOperationException($"`{what}` failed ({run.ExitCode}): {run.Stderr}");

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ImAudit.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("the repository root (ImAudit.sln) is not above the test directory");
    }
}
