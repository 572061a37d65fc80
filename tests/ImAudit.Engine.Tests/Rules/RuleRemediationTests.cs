using System.Text.RegularExpressions;
using ImAudit.Engine.Rules;

namespace ImAudit.Engine.Tests.Rules;

/// <summary>Every rule says what to do about its findings, in one place with the rule, and its docs page says the same.</summary>
public class RuleRemediationTests
{
    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ImAudit.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    public static TheoryData<string> Rules() => [.. RuleRegistry.All.Select(r => r.Id)];

    [Theory]
    [MemberData(nameof(Rules))]
    public void The_remediation_is_one_line_of_sentences_and_the_docs_page_says_the_same(string id)
    {
        var rule = RuleRegistry.All.Single(r => r.Id == id);
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), rule.DocsPath));

        var section = Regex.Match(page, @"\n## Remediation\n\n(.*?)(?:\n\n|$)", RegexOptions.Singleline);

        Assert.True(section.Success, $"{rule.DocsPath} has no \"## Remediation\" section");
        Assert.Equal(rule.Remediation, Regex.Replace(section.Groups[1].Value, @"\s+", " ").Trim());
        Assert.DoesNotContain('\n', rule.Remediation);
        Assert.InRange(rule.Remediation.Length, 40, 512); // ASFF's Recommendation.Text takes 512 characters
        Assert.EndsWith(".", rule.Remediation, StringComparison.Ordinal);
        Assert.Equal(0, rule.Remediation.Count(c => c == '`') % 2);
    }

    [Fact]
    public void A_docs_url_is_made_only_from_a_base_and_ends_in_the_rule_page()
    {
        var rule = RuleRegistry.All.Single(r => r.Id == RuleIds.ExceedsBaseline);

        Assert.Null(rule.DocsUrl(null));
        Assert.Null(rule.DocsUrl(""));
        Assert.Equal("https://example.com/imaudit/docs/rules/IMA301.md", rule.DocsUrl("https://example.com/imaudit/"));
        Assert.Equal("https://example.com/imaudit/docs/rules/IMA301.md", rule.DocsUrl("https://example.com/imaudit"));
    }
}
