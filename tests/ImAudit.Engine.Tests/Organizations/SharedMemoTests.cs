using System.Text;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Inventory;
using static ImAudit.Engine.Tests.Rules.AccountHarness;

namespace ImAudit.Engine.Tests.Organizations;

/// <summary>
/// An organization audit remembers with one memo for all its accounts (docs/engine.md, "Caches"): what several
/// accounts hold alike is parsed and its access computed once. Each account must still be audited exactly as alone.
/// </summary>
public class SharedMemoTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-02T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Each_account_of_an_organization_audit_finds_what_it_finds_alone()
    {
        // The same AWS managed policies, customer policy text and runbook role in every account, and one account
        // where the same names hold other documents.
        var template = Account(
            [
                User("admin", attached: ["AdministratorAccess"]),
                User("responder", Allow("""["ssm-incidents:*","ssm-contacts:StartEngagement"]"""), ["AWSIncidentManagerResolverAccess"]),
                User("reader", attached: ["ReadOnlyAccess", "AWSIncidentManagerResolverAccess"]),
            ],
            [RunbookRole("runbook", ProtectedTrust, Allow("""["ssm:*","iam:PassRole"]"""), ["AWSIncidentManagerResolverAccess"])],
            plans: [Plan("payments", "runbook")]);
        var text = Encoding.UTF8.GetString(InventoryJson.Write(template));
        var accounts = new[] { "200000000001", "200000000002", "200000000003" }
            .Select(id => Copy(text, id))
            .Append(Copy(text.Replace("ssm-contacts:StartEngagement", "ssm-contacts:*", StringComparison.Ordinal), "200000000004"))
            .ToList();
        var engine = new PolicyEngine(IamCatalog.Default);

        var organization = engine.AuditOrganization(accounts, null, Now);

        Assert.Equal(accounts.Count, organization.Accounts.Length);
        foreach (var account in organization.Accounts)
        {
            var alone = engine.Audit(accounts.Single(a => a.AccountId == account.AccountId), Now);
            Assert.NotEmpty(alone.Findings);
            Assert.Equal(alone.Findings.Select(f => f with { AccountId = account.AccountId }), account.Report.Findings);
            Assert.Equal(alone.PrincipalCount, account.Report.PrincipalCount);
        }
        // The differing account differs: what a shared document would wrongly carry over shows here.
        Assert.Equal(Messages(organization.Accounts[0]), Messages(organization.Accounts[1]));
        Assert.NotEqual(Messages(organization.Accounts[0]), Messages(organization.Accounts[3]));
    }

    private static AccountInventory Copy(string text, string accountId) =>
        InputFile.Read(Encoding.UTF8.GetBytes(text.Replace(AccountId, accountId, StringComparison.Ordinal)), accountId).Inventory!;

    // What an account's findings say, its own id taken out.
    private static List<string> Messages(Engine.Organizations.AccountReport account) =>
        [.. account.Report.Findings.Select(f => $"{f.RuleId} {f.Message}".Replace(account.AccountId, "ACCOUNT", StringComparison.Ordinal))];
}
