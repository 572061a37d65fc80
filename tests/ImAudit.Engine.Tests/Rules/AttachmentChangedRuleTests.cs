using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Rules;

public class AttachmentChangedRuleTests
{
    private const string Policy = "arn:aws:iam::111122223333:policy/IncidentAdmin";

    private static AccountInventory With(string document, params IamUser[] users) => Account(users) with
    {
        Policies = [new ManagedPolicy("IncidentAdmin", Policy, "/", "v1", [new PolicyVersion("v1", true, document, null)])],
    };

    [Fact]
    public void Attaching_a_policy_with_incident_manager_access_is_reported_on_the_principal()
    {
        var admin = Allow("\"ssm-incidents:*\"");

        var finding = Assert.Single(DriftBetween("IMA603", With(admin, User("ana")), With(admin, UserWith("ana", Policy))));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal("arn:aws:iam::111122223333:user/ana", finding.Resource);
        // Drift of a principal's attachments: no statement changed, so the finding has no location.
        Assert.Null(finding.Location);
        Assert.Contains("`IncidentAdmin` attached", finding.Message, StringComparison.Ordinal);
        Assert.Contains("it now has Incident Manager access", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detaching_is_reported_and_a_policy_without_incident_manager_access_is_not()
    {
        var admin = Allow("\"ssm-incidents:*\"");
        var detached = DriftBetween("IMA603", With(admin, UserWith("ana", Policy)), With(admin, User("ana")));
        var unrelated = DriftBetween("IMA603", With(Allow("\"s3:*\""), User("ana")), With(Allow("\"s3:*\""), UserWith("ana", Policy)));

        Assert.Contains("`IncidentAdmin` detached", Assert.Single(detached).Message, StringComparison.Ordinal);
        Assert.Empty(unrelated);
    }
}
