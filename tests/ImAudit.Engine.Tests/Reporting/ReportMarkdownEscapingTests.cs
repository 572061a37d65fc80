using System.Collections.Immutable;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Organizations;
using ImAudit.Engine.Reports;
using ImAudit.Engine.Tests.Rules;

namespace ImAudit.Engine.Tests.Reporting;

/// <summary>
/// Issue 13: report.md passed markup through — a name with a backtick closed its code span, and collection-error text
/// was outside code spans. Names, ARNs and AWS messages from a hostile account must never be read as markup.
/// </summary>
public class ReportMarkdownEscapingTests
{
    public const string Img = "<img src=x onerror=alert(9)>";
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly PolicyEngine Engine = new(IamCatalog.Default);

    public static readonly string[] HostileNames =
    [
        $"a`{Img}`b",
        $"a``{Img}``b",
        $"`{Img}",
        $"{Img}`",
        $"a|`{Img}`|b",
        $"a\\|{Img}",
        $"a\n{Img}\r\n# b",
    ];

    /// <summary>An account whose roles, policy names and collection errors carry markup.</summary>
    public static AccountInventory HostileAccount(string account = AccountHarness.AccountId)
    {
        const string Wide = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm-incidents:*","Resource":"*"}]}""";
        var roles = HostileNames.Select((name, i) => new IamRole(name, $"arn:aws:iam::{account}:role/{name}", "/", null,
            [new InlinePolicy(name, Wide)], [new AttachedPolicy(name, $"arn:aws:iam::{account}:policy/{name}")], null, [])).ToArray();
        var errors = HostileNames.Select(name => new CollectionError("ssm-contacts", "GetContactPolicy", $"arn:aws:ssm-contacts:us-east-1:{account}:contact/{name}",
            "AccessDenied", $"{name} [x](javascript:alert(1)) **{Img}** &lt;b&gt;")).ToArray();
        return AccountHarness.Account(roles: roles, errors: errors) with { AccountId = account };
    }

    [Fact]
    public void Regression_hostile_names_and_messages_never_leave_their_code_spans_in_the_account_report()
    {
        var markdown = ReportMarkdown.Render(Engine.Audit(HostileAccount(), Now));

        AssertNoMarkupOutsideCodeSpans(markdown);
        Assert.Contains(MarkdownText.Code($"arn:aws:iam::{AccountHarness.AccountId}:role/{HostileNames[0]}"), markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Regression_hostile_names_and_member_names_never_leave_their_code_spans_in_the_organization_report()
    {
        var organization = new Organization("o-a1b2c3d4e5", null, "111122223333",
            ImmutableArray.Create(new OrganizationMember("111122223333", $"ops`{Img}`", null, "ACTIVE"), new OrganizationMember("444455556666", Img + "|x", null, "ACTIVE")));

        var markdown = OrganizationReportMarkdown.Render(Engine.AuditOrganization([HostileAccount(), HostileAccount("444455556666")], organization, Now));

        AssertNoMarkupOutsideCodeSpans(markdown);
    }

    [Theory]
    [InlineData("plain", "`plain`")]
    [InlineData("a`b", "``a`b``")]
    [InlineData("a``b`", "``` a``b` ```")]
    [InlineData("`a", "`` `a ``")]
    [InlineData("a|b", "`a\\|b`")]
    [InlineData("a\nb", "`a b`")]
    [InlineData("", "")]
    public void A_code_span_is_fenced_longer_than_any_backtick_run_inside(string text, string expected) =>
        Assert.Equal(expected, MarkdownText.Code(text));

    [Theory]
    [InlineData("<img src=x>", "&lt;img src=x&gt;")]
    [InlineData("[x](javascript:y) *b* _i_ a|b", "\\[x\\](javascript:y) \\*b\\* \\_i\\_ a\\|b")]
    [InlineData("&lt; \\`", "&amp;lt; \\\\\\`")]
    public void Text_escapes_html_and_markdown(string text, string expected) =>
        Assert.Equal(expected, MarkdownText.Text(text));

    [Theory]
    [InlineData("role `a|b` has <b>", "role `a\\|b` has &lt;b&gt;")]
    [InlineData("role `a` has `b", "role `a` has \\`b")]
    [InlineData("empty `` quote", "empty \\`\\` quote")]
    public void A_message_keeps_its_quoted_values_as_code_and_escapes_the_rest(string message, string expected) =>
        Assert.Equal(expected, MarkdownText.Message(message));

    /// <summary>
    /// Reads Markdown's inline structure as CommonMark does (backslash escapes, code spans closed only by a backtick
    /// run of the same length) and fails on a <c>&lt;</c> outside a code span: there every one must be an entity.
    /// </summary>
    internal static void AssertNoMarkupOutsideCodeSpans(string markdown)
    {
        foreach (var line in markdown.Split('\n'))
        {
            var outside = OutsideCodeSpans(line);
            Assert.False(outside.Contains('<', StringComparison.Ordinal), $"markup outside a code span in: {line}");
            Assert.False(outside.Contains("](", StringComparison.Ordinal), $"a link outside a code span in: {line}");
        }
    }

    private static string OutsideCodeSpans(string line)
    {
        var outside = new System.Text.StringBuilder();
        for (var i = 0; i < line.Length;)
        {
            if (line[i] == '\\' && i + 1 < line.Length && char.IsAsciiLetterOrDigit(line[i + 1]) is false && line[i + 1] < 128)
            {
                i += 2;
                continue;
            }
            if (line[i] != '`')
            {
                outside.Append(line[i++]);
                continue;
            }
            var run = Run(line, i);
            var close = i + run;
            while (close < line.Length && (line[close] != '`' || Run(line, close) != run))
                close += line[close] == '`' ? Run(line, close) : 1;
            if (close >= line.Length)
                outside.Append('`', run);
            i = close >= line.Length ? i + run : close + run;
        }
        return outside.ToString();
    }

    private static int Run(string line, int at)
    {
        var end = at;
        while (end < line.Length && line[end] == '`')
            end++;
        return end - at;
    }
}
