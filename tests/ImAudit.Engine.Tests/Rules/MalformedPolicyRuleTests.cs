using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;
using static ImAudit.Engine.Tests.Rules.RuleHarness;

namespace ImAudit.Engine.Tests.Rules;

public class MalformedPolicyRuleTests
{
    [Fact]
    public void Reports_each_fault_where_it_is_and_keeps_auditing_the_rest()
    {
        var json = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","NotAction":"s3:*","Resource":"*"},{"Effect":"Allow","Action":"ssm-incidents:GetContact","Resource":"*"}]}""";

        var finding = Assert.Single(Run("IMA107", json));

        Assert.Equal(Severity.High, finding.Severity);
        // A diagnostic comes from the parser, which builds no statement from a malformed one: the pointer says which.
        Assert.Equal(At(json, 0, null, "/Statement/0", "{\"Effect\"") with { Statement = null }, finding.Location);
        Assert.Equal(new TextDetail(DiagnosticCodes.ActionAndNotAction), finding.Details.Entries.Single().Value);
        Assert.Single(Run("IMA101", json));
    }

    [Fact]
    public void A_document_with_thousands_of_faults_lists_the_first_hundred_and_counts_the_rest()
    {
        // Regression (issue 13): 20,000 duplicate keys made 20,000 findings (megabytes of report for one document).
        var keys = string.Join(",", Enumerable.Range(0, 350).Select(i => $"\"Sid\":\"s{i}\""));
        var json = $$"""{"Version":"2012-10-17","Statement":[{{{keys}},"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";

        var findings = Run("IMA107", json);

        Assert.Equal(101, findings.Count);
        var more = Assert.Single(findings, f => f.Location!.Pointer is null);
        Assert.Equal(new NumberDetail(249), more.Details.Entries.Single(e => e.Key == "omitted").Value);
        Assert.StartsWith("249 more IMA107 findings", more.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Published_malformed_documents_are_findings_with_line_and_column()
    {
        var text = File.ReadAllText(Fixture.Path("samples/resource-policy_response-plan_org-principal.malformed.txt"));

        var finding = Assert.Single(Run("IMA107", text, PolicyKind.Resource));

        // The curly quotes around `*` on line 7 are where the JSON stops being JSON; the pointer is the document root.
        var (line, column) = PositionOf(text, "\u201c*\u201d");
        Assert.Equal((7, 20), (line, column));
        Assert.Equal(new FindingLocation(PolicyName, null, null, "", line, column), finding.Location);
        Assert.StartsWith("invalid JSON", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Principal_in_an_identity_policy_is_malformed_but_not_in_a_resource_policy()
    {
        var json = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"222233334444"},"Action":"ssm-incidents:GetResponsePlan","Resource":"*"}]}""";

        Assert.Single(Run("IMA107", json, PolicyKind.Identity));
        Assert.Empty(Run("IMA107", json, PolicyKind.Resource));
    }

    [Fact]
    public void Warnings_are_not_findings() =>
        Assert.Empty(Run("IMA107", """{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"""));
}
