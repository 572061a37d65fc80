namespace ImAudit.Engine.Tests.Support;

public sealed class ArnTests
{
    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/ops/oncall", "aws", "iam", "", "111122223333", "role/ops/oncall", "role", "oncall")]
    [InlineData("arn:aws-cn:ssm-incidents::111122223333:response-plan/p1", "aws-cn", "ssm-incidents", "", "111122223333", "response-plan/p1", "response-plan", "p1")]
    [InlineData("arn:aws:ssm-contacts:eu-west-1:111122223333:contact/alice", "aws", "ssm-contacts", "eu-west-1", "111122223333", "contact/alice", "contact", "alice")]
    [InlineData("arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/x:*", "aws", "logs", "us-east-1", "111122223333", "log-group:/aws/lambda/x:*", "log-group:", "x:*")]
    [InlineData("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess", "aws", "iam", "", "aws", "policy/job-function/ViewOnlyAccess", "policy", "ViewOnlyAccess")]
    [InlineData("arn:aws:iam::111122223333:root", "aws", "iam", "", "111122223333", "root", "", "root")]
    public void An_arn_splits_into_its_six_parts_and_keeps_the_resource_whole(string text, string partition, string service, string region, string account, string resource, string type, string name)
    {
        var arn = Arn.Parse(text);
        Assert.Equal(new Arn(partition, service, region, account, resource), arn);
        Assert.Equal(name, arn!.Value.Name);
        Assert.Equal(text, arn.Value.ToString());
        if (!type.EndsWith(':'))
            Assert.Equal(type, arn.Value.ResourceType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("arn:aws:iam::111122223333")]
    [InlineData("ARN:aws:iam::111122223333:root")]
    [InlineData("ssm-incidents.amazonaws.com")]
    public void What_is_not_an_arn_gives_null(string? text) => Assert.Null(Arn.Parse(text));

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/r", true)]
    [InlineData("arn:aws:iam::aws:policy/p", false)]
    [InlineData("arn:aws:ssm-incidents:*:*:response-plan/*", false)]
    [InlineData("arn:aws:ssm-incidents:::response-plan/p", false)]
    [InlineData("arn:aws:iam::11112222333:role/r", false)]
    public void Only_twelve_digits_are_an_account_id(string text, bool expected) => Assert.Equal(expected, Arn.Parse(text)!.Value.HasAccountId);

    [Fact]
    public void No_other_code_splits_an_arn_by_hand()
    {
        // Twelve places split ARNs by hand with differing rules (some kept the resource's colons, some did not); the
        // typed Arn is the one reading. A `Split(':'` anywhere else in src is a new hand-split (AWS error types are
        // `Type:detail`, not ARNs).
        var src = Path.Combine(Fixture.RepositoryRoot, "src");
        var allowed = new[] { Path.Combine("ImAudit.Engine", "Support", "Arn.cs"), Path.Combine("ImAudit.Aws", "Runtime", "AwsErrors.cs") };
        var splitting = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("Split(':'", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(src, f)).Where(f => !allowed.Contains(f)).ToList();
        Assert.True(splitting.Count == 0, $"split by hand: {string.Join(", ", splitting)}");
    }
}
