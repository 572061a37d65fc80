using System.Net;
using System.Text.RegularExpressions;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Drift;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Reports;
using ImAudit.Engine.Rules;
using ImAudit.Engine.Tests.Rules;

namespace ImAudit.Engine.Tests.Reporting;

/// <summary>What report.html says, read from the page's text: where, remediation, code spans, trend, the reach picture.</summary>
public class ReportHtmlContentTests
{
    private static readonly DateTimeOffset Then = DateTimeOffset.Parse("2026-11-21T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly PolicyEngine Engine = new(IamCatalog.Default);

    private static AccountInventory Account(string anaActions = "\"ssm-incidents:DeleteResponsePlan\"") => AccountHarness.Account([
        AccountHarness.User("ana", $$"""{"Version":"2012-10-17","Statement":[{"Sid":"Ops","Effect":"Allow","Action":{{anaActions}},"Resource":"*"}]}"""),
        AccountHarness.User("bo", AccountHarness.Allow("\"ssm-incidents:GetResponsePlan\""))]);

    private static string Row(string html, string ruleId, string resourceEnd) =>
        Regex.Matches(html, "<tr class=\"finding\"[^>]*data-rule=\"" + ruleId + "\".*?</tr>", RegexOptions.Singleline).Select(m => m.Value)
            .Single(r => r.Contains(resourceEnd + "</code>", StringComparison.Ordinal));

    private static string Cells(string row, int index) => Regex.Matches(row, "<td>(.*?)</td>", RegexOptions.Singleline)[index].Groups[1].Value;

    [Fact]
    public void An_excess_over_the_baseline_names_its_granting_policy_and_statement_under_where()
    {
        var report = Engine.Audit(Account(), Now);
        var finding = report.Findings.Single(f => f.RuleId == RuleIds.ExceedsBaseline && f.Resource.EndsWith(":user/ana", StringComparison.Ordinal));

        var where = Cells(Row(ReportHtml.Render(report), "IMA301", ":user/ana"), 4);

        Assert.Equal((0, "Ops"), (finding.Location!.Statement, finding.Location.Sid));
        Assert.Contains($"<code>{WebUtility.HtmlEncode(finding.Location.Policy!)}</code> statement 0 (Sid <code>Ops</code>)", where, StringComparison.Ordinal);
    }

    // IMA301 had no location before; its fingerprint keys on the principal and its excess alone, so that drift and
    // ASFF ids see the same finding as before the location was added.
    [Fact]
    public void The_location_does_not_change_an_excess_findings_fingerprint()
    {
        var finding = Engine.Audit(Account(), Now).Findings.Single(f => f.RuleId == RuleIds.ExceedsBaseline && f.Resource.EndsWith(":user/ana", StringComparison.Ordinal));

        Assert.NotNull(finding.Location);
        Assert.Equal(Findings.Finding.FingerprintOf(finding.RuleId, finding.Resource, null, null, finding.Key), finding.Fingerprint);
    }

    [Fact]
    public void Backticked_values_in_messages_are_code_spans_escaped_and_no_backtick_is_left()
    {
        var report = Engine.Audit(AccountHarness.Account([AccountHarness.User("<b>x</b>", AccountHarness.Allow("\"ssm-incidents:DeleteResponsePlan\""))]), Now);

        var message = Cells(Row(ReportHtml.Render(report), "IMA301", ":user/&lt;b&gt;x&lt;/b&gt;"), 3);

        Assert.StartsWith("<code>&lt;b&gt;x&lt;/b&gt;</code> can do 1 Incident Manager action", message, StringComparison.Ordinal);
        Assert.Contains("<code>ssm-incidents:DeleteResponsePlan</code>", message, StringComparison.Ordinal);
        Assert.DoesNotContain('`', message);
    }

    [Fact]
    public void Each_rule_with_findings_has_its_remediation_in_the_page_and_the_rule_cell_links_to_it()
    {
        var report = Engine.Audit(Account(), Now);

        var html = ReportHtml.Render(report);
        var linked = ReportHtml.Render(report, "https://docs.example/imaudit");

        foreach (var id in report.Findings.Select(f => f.RuleId).Distinct())
        {
            var rule = RuleRegistry.All.Single(r => r.Id == id);
            var section = Regex.Match(html, $"<section class=\"rule\" id=\"rule-{id}\">.*?</section>", RegexOptions.Singleline).Value;
            Assert.Contains(WebUtility.HtmlEncode(rule.Title), section, StringComparison.Ordinal);
            Assert.Equal(rule.Remediation, WebUtility.HtmlDecode(Regex.Replace(Regex.Match(section, "<b>Remediation.</b> (.*?)</p>").Groups[1].Value, "</?code>", "`")));
            Assert.Contains($"<code>docs/rules/{id}.md</code>", section, StringComparison.Ordinal);
            Assert.Contains($"<a href=\"https://docs.example/imaudit/docs/rules/{id}.md\">", linked, StringComparison.Ordinal);
            Assert.Contains($"<a href=\"#rule-{id}\">{id}</a>", html, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("id=\"rule-IMA401\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_forbids_loading_anything_and_draws_the_trend_of_the_runs_it_knows()
    {
        var previous = AuditSnapshot.Read(SnapshotJson.Write(Account("\"ssm-incidents:*\""), Engine.Audit(Account("\"ssm-incidents:*\""), Then)), "s", out _)!;
        var report = Engine.Audit(Account(), Now, null, previous);

        var html = ReportHtml.Render(report);

        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';", html, StringComparison.Ordinal);
        var chart = Regex.Match(html, "<svg id=\"trend-chart\".*?</svg>", RegexOptions.Singleline).Value;
        Assert.Equal(2, Regex.Count(chart, "<g class=\"run\">"));
        Assert.Contains($"{Now:yyyy-MM-dd HH:mm} UTC: 0 critical, {report.Counts[Findings.Severity.High]} high", chart, StringComparison.Ordinal);
        Assert.Equal(report.Drift!.Resolved.Length, Regex.Count(html, "data-drift=\"resolved\""));
        Assert.True(report.Drift.Resolved.Length > 0);
    }

    [Fact]
    public void The_reach_picture_stays_bounded_and_counts_what_it_leaves_out()
    {
        const string Account = AccountHarness.AccountId;
        var plans = Enumerable.Range(0, 20).Select(i => AccountHarness.Plan($"p{i:00}", "runbook")).ToArray();
        var users = Enumerable.Range(0, 20).Select(i => AccountHarness.User($"u{i:00}", AccountHarness.Allow("\"ssm-incidents:*\"", $"arn:aws:ssm-incidents::{Account}:*/p{i:00}*")))
            .Append(AccountHarness.User("everyone", AccountHarness.Allow("\"ssm-incidents:*\""))).ToArray();
        var report = Engine.Audit(AccountHarness.Account(users, roles: [AccountHarness.RunbookRole("runbook", AccountHarness.ProtectedTrust)], plans: plans), Now);

        var picture = Regex.Match(ReportHtml.Render(report), "<h2 id=\"reach-picture\">.*?</svg>", RegexOptions.Singleline).Value;

        Assert.Equal(8, Regex.Count(picture, "<g class=\"node principal\">"));
        Assert.Equal(12, Regex.Count(picture, "<g class=\"node plan\">"));
        Assert.Contains("21 principals in 21 kinds of reach", picture, StringComparison.Ordinal);
        Assert.Contains("(and 13 more)", picture, StringComparison.Ordinal);
        Assert.Contains("and 8 more plans and contacts", picture, StringComparison.Ordinal);
    }
}
