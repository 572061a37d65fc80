namespace ImAudit.Cli.Tests;

/// <summary>The options of <c>scan --live --organization</c>: defaults, accepted values, and one-line usage errors (exit 2) before anything is read.</summary>
public sealed class LiveOrganizationOptionsTests
{

    private static LiveOrganizationOptions? Parse(params string[] args) => LiveOrganizationOptions.Parse(Arguments.Parse(Commands.ScanCommand.Verb, args));

    // Nothing answers here: a usage error must come before any AWS call, or these would fail on the connection instead.
    private static readonly Dictionary<string, string> Unreachable = new()
    {
        ["AWS_ACCESS_KEY_ID"] = "test", ["AWS_SECRET_ACCESS_KEY"] = "test", ["AWS_REGION"] = "us-east-1", ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9", ["AWS_MAX_ATTEMPTS"] = "1",
    };

    [Fact]
    public void Defaults_are_the_member_role_the_stackset_deploys_eight_accounts_at_once_and_an_hour()
    {
        var options = Parse("--live", "--organization")!;

        Assert.Equal(("ImAuditMemberRole", 8, TimeSpan.FromMinutes(60), null, null), (options.MemberRoleName, options.MaxConcurrency, options.Timeout, options.ExternalId, options.RoleArn));
    }

    [Fact]
    public void Given_values_are_taken_as_they_are()
    {
        var options = Parse("--live", "--organization", "--member-role-name", "audit/ImAudit-Reader@2", "--max-concurrency", "64", "--external-id", "imaudit-7f3a:x/y",
            "--timeout", "90", "--role-arn", "arn:aws:iam::111122223333:role/OrgAuditor", "--region", "eu-west-1", "--profile", "org")!;

        Assert.Equal(("audit/ImAudit-Reader@2", 64, "imaudit-7f3a:x/y", TimeSpan.FromSeconds(90)), (options.MemberRoleName, options.MaxConcurrency, options.ExternalId, options.Timeout));
        Assert.Equal(("arn:aws:iam::111122223333:role/OrgAuditor", "eu-west-1", "org"), (options.RoleArn, options.Region, options.Profile));
    }

    [Fact]
    public void Without_organization_there_are_no_organization_options()
    {
        Assert.Null(Parse("--live"));
        Assert.Null(Parse());
    }

    [Theory]
    [InlineData(new[] { "scan", "--organization" }, "--organization goes with --live")]
    [InlineData(new[] { "scan", "samples/organization", "--organization" }, "--organization reads the organization live and takes no PATH")]
    [InlineData(new[] { "scan", "samples/organization", "--live", "--organization" }, "--organization reads the organization live and takes no PATH")]
    [InlineData(new[] { "scan", "--live", "--member-role-name", "Auditor" }, "--member-role-name and --max-concurrency go with --organization")]
    [InlineData(new[] { "scan", "--max-concurrency", "4" }, "--member-role-name and --max-concurrency go with --organization")]
    [InlineData(new[] { "scan", "--live", "--organization", "--max-concurrency", "0" }, "--max-concurrency `0` is not a number from 1 to 64")]
    [InlineData(new[] { "scan", "--live", "--organization", "--max-concurrency", "65" }, "--max-concurrency `65` is not a number from 1 to 64")]
    [InlineData(new[] { "scan", "--live", "--organization", "--max-concurrency", "-1" }, "--max-concurrency `-1` is not a number from 1 to 64")]
    [InlineData(new[] { "scan", "--live", "--organization", "--max-concurrency", "many" }, "--max-concurrency `many` is not a number from 1 to 64")]
    [InlineData(new[] { "scan", "--live", "--organization", "--member-role-name", "Audit Role" }, "--member-role-name `Audit Role` is not an IAM role name")]
    [InlineData(new[] { "scan", "--live", "--organization", "--member-role-name", "/audit/Auditor" }, "--member-role-name `/audit/Auditor` is not an IAM role name")]
    [InlineData(new[] { "scan", "--live", "--organization", "--member-role-name", "audit//Auditor" }, "--member-role-name `audit//Auditor` is not an IAM role name")]
    [InlineData(new[] { "scan", "--live", "--organization", "--member-role-name", "Auditor\n" }, "--member-role-name `Auditor\\n` is not an IAM role name")]
    [InlineData(new[] { "scan", "--live", "--organization", "--member-role-name", "" }, "--member-role-name `` is not an IAM role name")]
    [InlineData(new[] { "scan", "--live", "--organization", "--member-role-name", "arn:aws:iam::111122223333:role/Auditor" }, "is not an IAM role name")]
    [InlineData(new[] { "scan", "--live", "--organization", "--member-role-name", "A0123456789012345678901234567890123456789012345678901234567890123" }, "is not an IAM role name")]
    [InlineData(new[] { "scan", "--live", "--organization", "--external-id", "x" }, "--external-id `x` is not an STS external ID")]
    [InlineData(new[] { "scan", "--live", "--organization", "--external-id", "two words" }, "--external-id `two words` is not an STS external ID")]
    [InlineData(new[] { "scan", "--live", "--organization", "--timeout", "0" }, "--timeout `0` is not a number of seconds")]
    public void Mistakes_are_one_line_usage_errors_before_anything_is_read(string[] args, string message)
    {
        var result = CliRunner.Run(args, Unreachable);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("imaudit: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, result.Stderr.Count(c => c == '\n'));
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void The_longest_role_name_iam_allows_is_accepted()
    {
        Assert.Equal(new string('R', 64), Parse("--live", "--organization", "--member-role-name", new string('R', 64))!.MemberRoleName);
    }
}
