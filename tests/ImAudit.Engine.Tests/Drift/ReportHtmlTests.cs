using System.Text.RegularExpressions;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Reports;
using ImAudit.Engine.Tests.Rules;

namespace ImAudit.Engine.Tests.Drift;

public class ReportHtmlTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static AuditReport Report() => new PolicyEngine(IamCatalog.Default).Audit(AccountHarness.Account([
        AccountHarness.User("ana", AccountHarness.Allow("\"ssm-incidents:DeleteResponsePlan\"")),
        AccountHarness.User("<script>alert(1)</script>", AccountHarness.Allow("\"ssm-incidents:GetResponsePlan\""))]), Now);

    [Fact]
    public void The_page_is_self_contained_and_escapes_what_it_shows()
    {
        var html = ReportHtml.Render(Report());

        Assert.DoesNotMatch(new Regex(@"(src|href)\s*=\s*""?(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_finding_is_a_row_and_excess_over_the_baseline_is_highlighted_in_the_matrix()
    {
        var report = Report();

        var html = ReportHtml.Render(report);

        Assert.Equal(report.Findings.Length, Regex.Count(html, "<tr class=\"finding\""));
        Assert.Contains("title=\"ssm-incidents:DeleteResponsePlan: beyond AWSIncidentManagerResolverAccess@v4\"", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"coverage\">", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"reach-picture\">", html, StringComparison.Ordinal);
    }
}
