using ImAudit.Engine.Matching;

namespace ImAudit.Engine.Tests.Matching;

public class ResourcePatternTests
{
    private static IReadOnlyList<string>? Context(string key) => key.ToLowerInvariant() switch
    {
        "aws:username" => ["alice"],
        "aws:principalaccount" => ["111122223333"],
        "aws:principaltag/team" => [],
        _ => null,
    };

    [Theory]
    [InlineData("arn:aws:ssm-incidents::111122223333:response-plan/${aws:username}", "arn:aws:ssm-incidents::111122223333:response-plan/alice", Tristate.True)]
    [InlineData("arn:aws:ssm-incidents::111122223333:response-plan/${aws:username}", "arn:aws:ssm-incidents::111122223333:response-plan/bob", Tristate.False)]
    [InlineData("arn:aws:ssm-incidents::111122223333:response-plan/${aws:userid}", "arn:aws:ssm-incidents::111122223333:response-plan/bob", Tristate.Unknown)]
    [InlineData("arn:aws:ssm-incidents::111122223333:response-plan/${aws:userid}", "arn:aws:ssm-incidents::444455556666:response-plan/bob", Tristate.False)]
    [InlineData("arn:aws:ssm-incidents::111122223333:response-plan/${aws:PrincipalTag/team, 'shared'}", "arn:aws:ssm-incidents::111122223333:response-plan/shared", Tristate.True)]
    [InlineData("arn:aws:ssm-incidents::111122223333:response-plan/${aws:PrincipalTag/team}", "arn:aws:ssm-incidents::111122223333:response-plan/", Tristate.False)]
    [InlineData("arn:aws:s3:::bucket/${*}", "arn:aws:s3:::bucket/*", Tristate.True)]
    [InlineData("arn:aws:s3:::bucket/${*}", "arn:aws:s3:::bucket/x", Tristate.False)]
    // Regression (differential test, issue 11): IAM substitutes variables only after the ARN's fifth colon; before it
    // (service, Region, account) `${…}` is literal text and matches no ARN.
    [InlineData("arn:aws:ssm-incidents::${aws:PrincipalAccount}:response-plan/*", "arn:aws:ssm-incidents::111122223333:response-plan/Payments", Tristate.False)]
    [InlineData("arn:aws:ssm-contacts:${aws:RequestedRegion}:111122223333:contact/*", "arn:aws:ssm-contacts:us-east-1:111122223333:contact/oncall", Tristate.False)]
    [InlineData("arn:aws:ssm-incidents::${aws:PrincipalAccount}:response-plan/${aws:username}", "arn:aws:ssm-incidents::111122223333:response-plan/alice", Tristate.False)]
    [InlineData("arn:aws:s3:::bucket:${aws:username}", "arn:aws:s3:::bucket:alice", Tristate.True)]
    public void Substitutes_policy_variables_soundly(string pattern, string arn, object expected) =>
        Assert.Equal((Tristate)expected, new ResourcePattern(pattern, variablesEnabled: true).Matches(arn, Context));

    [Fact]
    public void Variables_are_plain_text_in_old_policies()
    {
        var pattern = new ResourcePattern("arn:aws:s3:::bucket/${aws:username}", variablesEnabled: false);

        Assert.Equal(Tristate.True, pattern.Matches("arn:aws:s3:::bucket/${aws:username}", Context));
        Assert.Equal(Tristate.False, pattern.Matches("arn:aws:s3:::bucket/alice", Context));
    }

    [Fact]
    public void A_pattern_with_variables_covers_only_itself_but_is_covered_soundly()
    {
        var withVariable = new ResourcePattern("arn:aws:s3:::bucket/${aws:username}/*", true);
        var wide = new ResourcePattern("arn:aws:s3:::bucket/*", true);

        Assert.True(wide.Covers(withVariable));
        Assert.False(withVariable.Covers(new ResourcePattern("arn:aws:s3:::bucket/alice/x", true)));
        Assert.True(ResourcePattern.Everything.Covers(withVariable));
    }
}
