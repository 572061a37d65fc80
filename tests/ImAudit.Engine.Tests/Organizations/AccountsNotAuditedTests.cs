using System.Text.Json;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Organizations;
using static ImAudit.Engine.Tests.Rules.OrganizationHarness;

namespace ImAudit.Engine.Tests.Organizations;

/// <summary>An account the organization audit could not read is listed with its reason, makes the audit incomplete, and resolves nothing.</summary>
public class AccountsNotAuditedTests
{
    private const string Failing = "777788889999";

    private static readonly DateTimeOffset First = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static OrganizationReport Audit(IReadOnlyList<AccountNotAudited> notAudited, OrganizationSnapshot? previous = null, params ImAudit.Engine.Inventory.AccountInventory[] accounts) =>
        new PolicyEngine(IamCatalog.Default).AuditOrganization(accounts, Org(Central, Member, Failing), First.AddDays(previous is null ? 0 : 1), null, previous, notAudited);

    private static ImAudit.Engine.Inventory.AccountInventory Responders(string account) =>
        MemberWith($"arn:aws:iam::{account}:role/Responder", Allow("\"ssm-incidents:*\""));

    [Fact]
    public void A_failed_account_is_listed_with_its_reason_and_makes_the_audit_incomplete()
    {
        var report = Audit([AccountNotAudited.Failure(Failing, "legacy", "could not assume `arn:aws:iam::777788889999:role/ImAuditMemberRole`: AccessDenied")],
            null, Responders(Central), Responders(Member));

        Assert.True(report.IsIncomplete);
        var listed = Assert.Single(report.NotAudited);
        Assert.Equal((Failing, true), (listed.AccountId, listed.Failed));
        using var json = JsonDocument.Parse(OrganizationReportJson.Write(report));
        Assert.False(json.RootElement.GetProperty("complete").GetBoolean());
        var entry = Assert.Single(json.RootElement.GetProperty("notAudited").EnumerateArray());
        Assert.Equal("failed", entry.GetProperty("status").GetString());
        Assert.Contains("AccessDenied", entry.GetProperty("reason").GetString());
        Assert.Contains("## Accounts not audited (1)", OrganizationReportMarkdown.Render(report));
        Assert.Contains("id=\"not-audited-table\"", OrganizationReportHtml.Render(report));
    }

    [Fact]
    public void A_skipped_account_is_listed_but_the_audit_stays_complete()
    {
        var report = Audit([AccountNotAudited.Skip(Failing, "old", "SUSPENDED")], null, Responders(Central), Responders(Member));

        Assert.False(report.IsIncomplete);
        Assert.Equal("not audited in state SUSPENDED", Assert.Single(report.NotAudited).Reason);
    }

    [Fact]
    public void An_account_that_was_audited_is_never_listed_as_not_audited()
    {
        var report = Audit([AccountNotAudited.Failure(Member, null, "timed out")], null, Responders(Central), Responders(Member));

        Assert.Empty(report.NotAudited);
        Assert.False(report.IsIncomplete);
    }

    [Fact]
    public void Findings_of_an_account_that_could_not_be_read_are_not_resolved()
    {
        var accounts = new[] { Responders(Central), Responders(Member), Responders(Failing) };
        var first = Audit([], null, accounts);
        var failingFindings = first.Findings.Where(f => f.AccountId == Failing).ToList();
        Assert.NotEmpty(failingFindings);
        var previous = OrganizationSnapshot.Read(OrganizationSnapshot.Write(accounts, first), "previous", out var error)!;
        Assert.Null(error);

        var second = Audit([AccountNotAudited.Failure(Failing, null, "AccessDenied")], previous, accounts[0], accounts[1]);

        Assert.Empty(second.Drift!.Resolved);
        Assert.Empty(second.Drift.New);
        // Skipped (closed) accounts have really gone: their findings are resolved.
        var closed = Audit([AccountNotAudited.Skip(Failing, null, "CLOSED")], previous, accounts[0], accounts[1]);
        Assert.Equal(failingFindings.Select(f => f.Fingerprint).Order(), closed.Drift!.Resolved.Select(f => f.Fingerprint).Order());
    }

    [Fact]
    public void The_next_snapshot_carries_an_unread_accounts_findings_so_they_are_not_new_when_it_is_read_again()
    {
        var accounts = new[] { Responders(Central), Responders(Member), Responders(Failing) };
        var first = Audit([], null, accounts);
        var previous = OrganizationSnapshot.Read(OrganizationSnapshot.Write(accounts, first), "first", out _)!;
        var second = Audit([AccountNotAudited.Failure(Failing, null, "AccessDenied")], previous, accounts[0], accounts[1]);

        var (next, inventories) = OrganizationSnapshot.ForNextRun(second, [accounts[0], accounts[1]], previous);
        var carried = OrganizationSnapshot.Read(OrganizationSnapshot.Write(inventories, next), "second", out _)!;

        Assert.Equal(first.Findings.Select(f => f.Fingerprint).Order(), carried.Findings.Select(f => f.Fingerprint).Order());
        Assert.NotNull(carried.Inventory(Failing));
        var third = new PolicyEngine(IamCatalog.Default).AuditOrganization(accounts, Org(Central, Member, Failing), First.AddDays(2), null, carried);
        Assert.Empty(third.Drift!.New);
        Assert.Empty(third.Drift.Resolved);
    }

    [Fact]
    public void A_cross_account_finding_naming_an_unread_account_is_neither_resolved_nor_new_later()
    {
        // The central account shares its plan with a role of the failing account that does not exist (IMA702, central's finding).
        var central = Owner(Plan, Share($$"""{"AWS":"arn:aws:iam::{{Failing}}:role/Ghost"}""", "\"ssm-incidents:StartIncident\"", $"\"{Plan}\""));
        var accounts = new[] { central, Responders(Member), Responders(Failing) };
        var first = Audit([], null, accounts);
        var share = Assert.Single(first.CrossAccountFindings, f => f.RuleId == "IMA702");
        Assert.Equal(Central, share.AccountId);
        var previous = OrganizationSnapshot.Read(OrganizationSnapshot.Write(accounts, first), "first", out _)!;

        var second = Audit([AccountNotAudited.Failure(Failing, null, "AccessDenied")], previous, central, accounts[1]);
        Assert.DoesNotContain(second.Findings, f => f.RuleId == "IMA702");
        Assert.DoesNotContain(second.Drift!.Resolved, f => f.Fingerprint == share.Fingerprint);

        var (next, inventories) = OrganizationSnapshot.ForNextRun(second, [central, accounts[1]], previous);
        var carried = OrganizationSnapshot.Read(OrganizationSnapshot.Write(inventories, next), "second", out _)!;
        var third = new PolicyEngine(IamCatalog.Default).AuditOrganization(accounts, Org(Central, Member, Failing), First.AddDays(2), null, carried);
        Assert.DoesNotContain(third.Drift!.New, f => f.Fingerprint == share.Fingerprint);
    }
}
