using ImAudit.Aws.Pipeline;

namespace ImAudit.Aws.Tests;

public sealed class AuditRequestTests
{
    private static byte[] Event(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "events", name));

    [Theory]
    [InlineData("scheduled-rule.json", "schedule")]
    [InlineData("scheduler.json", "scheduler")]
    [InlineData("generated-scheduled.json", "schedule")]
    public void Scheduled_events_of_every_shape_are_a_plain_scheduled_audit(string file, string trigger)
    {
        var request = AuditRequest.Parse(Event(file), out var error);

        Assert.Null(error);
        Assert.Equal(new AuditRequest(trigger, false, [], null, null, null), request with { Regions = [] });
        Assert.Empty(request.Regions);
    }

    [Fact]
    public void An_on_demand_event_carries_its_options()
    {
        var request = AuditRequest.Parse(Event("on-demand.json"), out var error);

        Assert.Null(error);
        Assert.Equal(("on-demand", false, "arn:aws:iam::111122223333:role/SecurityAuditor", "on-demand"), (request.Trigger, request.DryRun, request.RoleArn, request.ReportPrefix));
        Assert.Equal(["us-east-1", "us-west-2"], request.Regions);
        Assert.True(AuditRequest.Parse(Event("on-demand-dry-run.json"), out _).DryRun);
    }

    [Fact]
    public void Options_may_also_come_in_detail_as_an_object_or_a_json_string()
    {
        var asObject = AuditRequest.Parse("""{"detail-type":"Manual","detail":{"dryRun":true,"regions":["eu-west-1"]}}"""u8, out var e1);
        var asString = AuditRequest.Parse("""{"source":"aws.scheduler","detail-type":"Scheduled Event","detail":"{\"dryRun\":true}"}"""u8, out var e2);

        Assert.Null(e1);
        Assert.Null(e2);
        Assert.True(asObject.DryRun);
        Assert.Equal(["eu-west-1"], asObject.Regions);
        Assert.Equal(("scheduler", true), (asString.Trigger, asString.DryRun));
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[1,2]", "not an object")]
    [InlineData("""{"dryRun":"yes"}""", "`dryRun` must be true or false")]
    [InlineData("""{"regions":"us-east-1"}""", "`regions` must be a list")]
    [InlineData("""{"roleArn":"SecurityAuditor"}""", "is not an ARN")]
    [InlineData("""{"reportPrefix":"../escape"}""", "relative key prefix")]
    [InlineData("""{"detail":"{not json"}""", "`detail` is a string but not JSON")]
    [InlineData("""{"reportPrefix":"a\u0000b"}""", "`reportPrefix` holds the character U+0000")]
    [InlineData("""{"reportPrefix":"a//b"}""", "`reportPrefix` `a//b` has an empty segment")]
    [InlineData("""{"reportPrefix":"a/./b"}""", "`reportPrefix` `a/./b` has a `.` segment")]
    [InlineData("""{"reportPrefix":"team a"}""", "`reportPrefix` holds the character U+0020")]
    [InlineData("""{"reportPrefix":""}""", "`reportPrefix` is empty")]
    public void A_bad_event_is_refused_with_what_is_wrong(string json, string message)
    {
        AuditRequest.Parse(System.Text.Encoding.UTF8.GetBytes(json), out var error);

        Assert.NotNull(error);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Regression_a_5000_character_report_prefix_is_refused_with_its_length()
    {
        AuditRequest.Parse(System.Text.Encoding.UTF8.GetBytes($$"""{"reportPrefix":"{{new string('a', 5000)}}"}"""), out var error);

        Assert.Equal("`reportPrefix` is 5000 characters long; at most 128", error);
    }

    [Theory]
    [InlineData("on-demand")]
    [InlineData("team-a/2026_Q4/")]
    [InlineData("a.b/c!d*e'(f)")]
    public void A_plain_report_prefix_is_accepted(string prefix)
    {
        var request = AuditRequest.Parse(System.Text.Encoding.UTF8.GetBytes($$"""{"reportPrefix":"{{prefix}}"}"""), out var error);

        Assert.Null(error);
        Assert.Equal(prefix, request.ReportPrefix);
    }
}

public sealed class OrganizationEventTests
{
    [Fact]
    public void A_per_account_event_names_the_account_and_its_member_role()
    {
        var request = AuditRequest.Parse("""{"accountId":"444455556666","roleArn":"arn:aws:iam::444455556666:role/ImAuditMemberRole"}"""u8, out var error);

        Assert.Null(error);
        Assert.Equal(("444455556666", "arn:aws:iam::444455556666:role/ImAuditMemberRole", "on-demand"), (request.AccountId, request.RoleArn, request.Trigger));
        Assert.Null(request.Aggregate);
    }

    [Theory]
    [InlineData("""{"accountId":"4444","roleArn":"arn:aws:iam::4444:role/R"}""", "`accountId` `4444` is not a 12-digit account ID")]
    [InlineData("""{"accountId":"444455556666"}""", "`accountId` `444455556666` needs the `roleArn` of its member role")]
    [InlineData("""{"accountId":"444455556666","roleArn":"arn:aws:iam::111122223333:role/R"}""", "`roleArn` `arn:aws:iam::111122223333:role/R` is not a role in account `444455556666`")]
    [InlineData("""{"action":"list-everything"}""", "`action` `list-everything` is not `aggregate`")]
    [InlineData("""{"action":"aggregate","results":{}}""", "`results` must be a list of account outcomes")]
    [InlineData("""{"action":"aggregate","results":[[],[{"accountId":"444455556666"}]]}""", "`results` holds `{\"accountId\":\"444455556666\"}`, not an object with `accountId` and `status`")]
    public void A_malformed_organization_event_is_named(string json, string expected)
    {
        AuditRequest.Parse(System.Text.Encoding.UTF8.GetBytes(json), out var error);

        Assert.Equal(expected, error);
    }

    [Fact]
    public void The_aggregate_event_flattens_the_results_nested_page_by_page()
    {
        var json = """
            {"action":"aggregate","execution":"arn:aws:states:us-east-1:999900001111:execution:imaudit-org:run-1",
             "results":[[[], [{"accountId":"111100000001","status":"audited"},{"accountId":"111100000002","status":"failed","error":"Lambda.Unknown","cause":"timeout"}]],
                        [{"accountId":"111100000003","status":"skipped"}]]}
            """;

        var request = AuditRequest.Parse(System.Text.Encoding.UTF8.GetBytes(json), out var error);

        Assert.Null(error);
        Assert.Equal("organization", request.Trigger);
        var aggregate = request.Aggregate!;
        Assert.Equal("arn:aws:states:us-east-1:999900001111:execution:imaudit-org:run-1", aggregate.Execution);
        Assert.Equal([("111100000001", "audited"), ("111100000002", "failed"), ("111100000003", "skipped")], aggregate.Results.Select(r => (r.AccountId, r.Status)));
        Assert.Equal(new AccountOutcome("111100000002", "failed", "Lambda.Unknown", "timeout"), Assert.Single(aggregate.Failed));
        Assert.Equal("Lambda.Unknown: timeout", aggregate.Failed.Single().Reason);
    }

    [Theory]
    [InlineData("Lambda.Unknown", """{"errorType":"InvalidEventException","errorMessage":"`roleArn` is not an ARN","stackTrace":["a","b"]}""", "Lambda.Unknown: `roleArn` is not an ARN")]
    [InlineData("States.Runtime", "An error occurred while executing the state 'AuditAccount'.\nThe JSONPath '$.Payload.accountId' could not be found", "States.Runtime: An error occurred while executing the state 'AuditAccount'. The JSONPath '$.Payload.accountId' could not be found")]
    [InlineData(null, null, "failed")]
    [InlineData("States.Timeout", "{not json", "States.Timeout: {not json")]
    public void A_failed_accounts_reason_is_one_line_with_the_lambda_error_message(string? error, string? cause, string expected) =>
        Assert.Equal(expected, new AccountOutcome("111100000002", "failed", error, cause).Reason);

    [Fact]
    public void A_long_cause_is_cut_to_a_readable_reason() =>
        Assert.Equal(400, new AccountOutcome("111100000002", "failed", "E", new string('x', 5000)).Reason.Length);

    [Fact]
    public void An_aggregate_event_of_5000_accounts_nested_page_by_page_is_read_whole()
    {
        // As the state machine's Accumulate state builds it: [[[[], page 1], page 2], …], 250 pages of 20.
        var results = "[]";
        for (var page = 0; page < 250; page++)
            results = $"[{results},[{string.Join(",", Enumerable.Range(0, 20).Select(i => $$"""{"accountId":"{{100000000000L + (page * 20) + i}}","status":"audited"}"""))}]]";

        var request = AuditRequest.Parse(System.Text.Encoding.UTF8.GetBytes($$"""{"action":"aggregate","results":{{results}}}"""), out var error);

        Assert.Null(error);
        Assert.Equal(5000, request.Aggregate!.Results.Length);
        Assert.Equal(5000, request.Aggregate.Results.Select(r => r.AccountId).Distinct().Count());
    }
}
