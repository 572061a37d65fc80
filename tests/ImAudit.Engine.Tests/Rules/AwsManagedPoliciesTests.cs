using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Tests.Rules;

/// <summary>Real AWS managed policies: the validity rules fire only on AWS's genuine mistakes.</summary>
public class AwsManagedPoliciesTests
{
    public static TheoryData<string> Documents() =>
        [.. Directory.GetFiles(Fixture.Path("aws-managed"), "*.json").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Documents))]
    public void Aws_managed_policies_have_no_namespace_resource_or_condition_mistakes(string file)
    {
        var document = PolicyParser.Parse(Fixture.Bytes("aws-managed/" + file), PolicyKind.Identity, file);

        var result = new PolicyEngine(IamCatalog.Default).CheckPolicy(document, "arn:aws:iam::aws:policy/" + file);

        Assert.Empty(result.Failures);
        Assert.DoesNotContain(result.Findings, f => f.RuleId is "IMA101" or "IMA104" or "IMA105" or "IMA107" or "IMA202" or "IMA203" or "IMA204");
        Assert.DoesNotContain(result.Findings, f => f.RuleId == "IMA102");
        // The only unknown prefixes left in AWS's newest documents are retired services, reported as info.
        Assert.All(result.Findings.Where(f => f.RuleId == "IMA103"), f => Assert.Equal(Severity.Info, f.Severity));
    }

    [Fact]
    public void Read_only_access_still_names_two_retired_services()
    {
        var document = PolicyParser.Parse(Fixture.Bytes("aws-managed/ReadOnlyAccess@v188.json"), PolicyKind.Identity, "ReadOnlyAccess");

        var retired = new PolicyEngine(IamCatalog.Default).CheckPolicy(document).Findings.Where(f => f.RuleId == "IMA103").ToList();

        // One finding per retired prefix, counting its 17 entries between them (was one finding per entry).
        Assert.Equal(2, retired.Count);
        Assert.All(retired, f => Assert.Matches("^`(iot1click|deepcomposer)` is the prefix of", f.Message));
        Assert.Equal(17, retired.Sum(f => int.Parse(System.Text.RegularExpressions.Regex.Match(f.Message, "; (\\d+) action entries").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
