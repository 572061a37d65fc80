using System.Diagnostics;
using ImAudit.Engine.Matching;

namespace ImAudit.Engine.Tests.Matching;

public class GlobTests
{
    [Theory]
    [InlineData("ssm-incidents:Get*", "ssm-incidents:GetResponsePlan", true)]
    [InlineData("ssm-incidents:get*", "SSM-INCIDENTS:GetResponsePlan", true)]
    [InlineData("ssm-incidents:Get?esponsePlan", "ssm-incidents:GetResponsePlan", true)]
    [InlineData("ssm-incidents:Get?", "ssm-incidents:GetResponsePlan", false)]
    [InlineData("*", "", true)]
    [InlineData("a*b*c", "abc", true)]
    [InlineData("a*b*c", "aXbYcZ", false)]
    [InlineData("*:*", "ssm:GetParameter", true)]
    public void Matches_actions_case_insensitively(string pattern, string text, bool expected) =>
        Assert.Equal(expected, Glob.Compile(pattern, GlobOptions.IgnoreCase).IsMatch(text));

    [Theory]
    [InlineData("arn:aws:ssm-incidents:*:*:response-plan/*", "arn:aws:ssm-incidents::111122223333:response-plan/Plan", true)]
    [InlineData("arn:aws:ssm-incidents:*:*:*", "arn:aws:ssm-incidents::111122223333:incident-record/Plan/abc", true)]
    [InlineData("arn:aws:*", "arn:aws:ssm-incidents::111122223333:response-plan/Plan", true)]
    [InlineData("arn:aws:ssm-incidents:us-east-1:*:response-plan/*", "arn:aws:ssm-incidents::111122223333:response-plan/Plan", false)]
    [InlineData("arn:aws:ssm-incidents::111122223333:response-plan/plan", "arn:aws:ssm-incidents::111122223333:response-plan/Plan", false)]
    // A star inside a segment stops at the colon; one that ends a segment may run across colons.
    [InlineData("arn:aws:ec2:us-*-1:*:instance/*", "arn:aws:ec2:us-x:y-1:1:instance/i", false)]
    [InlineData("arn:aws:ec2:us-*:*:instance/*", "arn:aws:ec2:us-x:y-1:1:instance/i", true)]
    public void Matches_arns_case_sensitively_by_segment(string pattern, string text, bool expected) =>
        Assert.Equal(expected, Glob.Compile(pattern, GlobOptions.ArnSegments).IsMatch(text));

    [Fact]
    public void Hostile_patterns_do_not_blow_up()
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", 2_000)) + "*b";
        var text = new string('a', 50_000);
        var glob = Glob.Compile(pattern);

        // A backtracking matcher needs astronomically many steps here; this one makes one pass.
        var watch = Stopwatch.StartNew();
        var matched = glob.IsMatch(text);

        Assert.False(matched);
        Assert.True(glob.IsMatch(text + "b"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the matcher is not linear");
    }

    [Theory]
    [InlineData("*", "ssm-incidents:Get*", true)]
    [InlineData("ssm-incidents:*", "ssm-incidents:Get*", true)]
    [InlineData("ssm-incidents:Get*", "ssm-incidents:*", false)]
    [InlineData("ssm-incidents:Get*", "ssm-incidents:GetResponsePlan", true)]
    [InlineData("ssm-incidents:Get?esponsePlan", "ssm-incidents:GetResponsePlan", true)]
    [InlineData("ssm-incidents:GetResponsePlan", "ssm-incidents:Get?esponsePlan", false)]
    [InlineData("a*", "a?*", true)]
    public void Decides_pattern_inclusion(string wider, string narrower, bool expected) =>
        Assert.Equal(expected, Glob.Compile(wider, GlobOptions.IgnoreCase).Covers(Glob.Compile(narrower, GlobOptions.IgnoreCase)));

    [Fact]
    public void Arn_inclusion_respects_segment_stars()
    {
        var wide = Glob.Compile("arn:aws:ssm-incidents:*:*:response-plan/*", GlobOptions.ArnSegments);

        Assert.True(wide.Covers(Glob.Compile("arn:aws:ssm-incidents::111122223333:response-plan/P*", GlobOptions.ArnSegments)));
        Assert.False(wide.Covers(Glob.Compile("arn:aws:ssm-incidents::111122223333:incident-record/*", GlobOptions.ArnSegments)));
    }

    [Theory]
    [InlineData("arn:aws:ssm-incidents::111122223333:response-plan/Payments", true)]
    [InlineData("arn:aws:ssm-incidents::111122223333:response-plan/Pay/ments", false)]
    [InlineData("arn:aws:ssm-incidents::111122223333:response-plan/", false)]
    [InlineData("arn:aws:ssm-incidents:us-east-1:111122223333:response-plan/Payments", false)]
    public void Arn_formats_compile_with_name_placeholders(string arn, bool expected) =>
        Assert.Equal(expected, ArnFormats.Compile("arn:${Partition}:ssm-incidents::${Account}:response-plan/${ResponsePlan}").IsMatch(arn));
}
