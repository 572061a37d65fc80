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
