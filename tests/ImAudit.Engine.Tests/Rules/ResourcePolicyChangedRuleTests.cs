using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Rules;

public class ResourcePolicyChangedRuleTests
{
    private const string Read = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222233334444:root"},"Action":"ssm-incidents:GetResponsePlan","Resource":"*"}]}""";
    private const string ReadAndStart = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222233334444:root"},"Action":["ssm-incidents:GetResponsePlan","ssm-incidents:StartIncident"],"Resource":"*"}]}""";

    private static AccountInventory Shared(params string[] documents) => Account(plans: [Plan("Payments", "runbook") with
    {
        ResourcePolicies = [.. documents.Select((d, i) => new ResourcePolicy($"p{i}", d, "us-east-1"))],
    }]);

    [Fact]
    public void A_share_that_now_allows_more_is_high_and_names_the_new_grant()
    {
        var finding = Assert.Single(DriftBetween("IMA604", Shared(Read), Shared(ReadAndStart)));

        Assert.Equal(Severity.High, finding.Severity);
        // Drift between two versions of a resource policy: the change is described by its grants, not by a place in
        // the current text, so no location.
        Assert.Null(finding.Location);
        Assert.Contains("`AWS:arn:aws:iam::222233334444:root → ssm-incidents:StartIncident`", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_share_that_narrowed_is_low_and_an_unchanged_one_is_not_reported()
    {
        Assert.Equal(Severity.Low, Assert.Single(DriftBetween("IMA604", Shared(ReadAndStart), Shared(Read))).Severity);
        Assert.Empty(DriftBetween("IMA604", Shared(Read), Shared(Read)));
    }

    [Fact]
    public void A_new_share_on_a_plan_that_had_none_is_high()
    {
        Assert.Equal(Severity.High, Assert.Single(DriftBetween("IMA604", Shared(), Shared(Read))).Severity);
    }
}
