using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Tests.Rules;

public class DenyInSharedResourcePolicyRuleTests
{
    private const string Share = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"222233334444"},"Action":"ssm-incidents:GetResponsePlan","Resource":"arn:aws:ssm-incidents::111122223333:response-plan/P"}DENY]}""";
    private const string Deny = """,{"Sid":"NoStart","Effect":"Deny","Principal":"*","Action":"ssm-incidents:StartIncident","Resource":"*"}""";

    [Fact]
    public void Flags_a_deny_in_a_response_plan_or_contact_policy()
    {
        var json = Share.Replace("DENY", Deny, StringComparison.Ordinal);

        var finding = Assert.Single(RuleHarness.Run("IMA201", json, PolicyKind.Resource));

        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal(RuleHarness.At(json, 1, "NoStart", "/Statement/1", "{\"Sid\":\"NoStart\""), finding.Location);
    }

    [Fact]
    public void Leaves_allow_only_shares_and_identity_policies_alone()
    {
        Assert.Empty(RuleHarness.Run("IMA201", Share.Replace("DENY", "", StringComparison.Ordinal), PolicyKind.Resource));
        Assert.Empty(RuleHarness.Run("IMA201", RuleHarness.Statement("Deny", "\"ssm-incidents:*\"")));
    }
}
