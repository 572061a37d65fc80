using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Rules;

public class UnreadableResourcePolicyRuleTests
{
    [Fact]
    public void Turns_unreadable_resource_policies_into_findings()
    {
        var error = new CollectionError("ssm-contacts", "GetContactPolicy", "arn:aws:ssm-contacts:us-east-1:111122223333:contact/oncall", "AccessDeniedException", "not authorized to perform ssm-contacts:GetContactPolicy");

        var finding = Assert.Single(Run("IMA405", Account(errors: [error])));

        Assert.Equal((Severity.Medium, error.Resource), (finding.Severity, finding.Resource));
        // The policy could not be read, so there is no text to point into: the resource names what to look at.
        Assert.Null(finding.Location);
    }

    [Fact]
    public void Other_collection_errors_are_coverage_gaps_but_not_this_rule()
    {
        var error = new CollectionError("iam", "GetAccountAuthorizationDetails", "account", "Throttling", "rate exceeded");

        Assert.Empty(Run("IMA405", Account(errors: [error])));
    }
}
