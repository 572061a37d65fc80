using ImAudit.Engine.Catalog;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Reports;
using ImAudit.Engine.Tests.Rules;

namespace ImAudit.Engine.Tests.Inventory;

/// <summary>
/// Issue 15: an export that attaches an AWS managed policy without its document (Cloudsplaining's
/// example_authz_v2.json: group GOAT has AdministratorAccess) was audited as if the policy allowed nothing.
/// </summary>
public class ManagedPolicyCopyTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private static AuditReport Audit(AccountInventory inventory) => new PolicyEngine(IamCatalog.Default).Audit(inventory, Now);

    [Fact]
    public void The_goat_member_of_example_authz_v2_is_audited_as_an_administrator_from_imaudits_copy()
    {
        var inventory = AuthorizationDetailsImporter.Import(Fixture.Bytes("authorization-details/example_authz_v2.json"), "example_authz_v2.json").Inventory!;

        var report = Audit(inventory);

        var blake = Assert.Single(report.Principals);
        Assert.Equal("arn:aws:iam::012345678901:user/BlakeBortles", blake.Principal.Arn);
        Assert.Equal(IamCatalog.Default.IncidentManagerActions.Length, blake.Access.Actions.Length);
        Assert.Contains(report.Findings, f => f.RuleId == "IMA301" && f.Resource == blake.Principal.Arn);
        Assert.False(report.IsIncomplete);
        var note = Assert.Single(report.ScopeNotes, n => n.Kind == ScopeNote.AssumedPolicy);
        Assert.Equal("arn:aws:iam::aws:policy/AdministratorAccess", note.Subject);
        Assert.Equal("`AdministratorAccess`: document not in the input; audited from ImAudit's copy, version v1 of 2015-02-06", note.Detail);
    }

    [Fact]
    public void The_report_says_which_version_it_assumed_and_that_incident_manager_resources_were_not_in_the_input()
    {
        var inventory = AuthorizationDetailsImporter.Import(Fixture.Bytes("authorization-details/example_authz_v2.json"), "example_authz_v2.json").Inventory!;

        var report = Audit(inventory);
        var markdown = ReportMarkdown.Render(report);
        using var json = System.Text.Json.JsonDocument.Parse(ReportJson.Write(report));

        Assert.True(report.IsIamOnly);
        Assert.Contains("The audit is complete for IAM; Incident Manager resources: not in this input (see Coverage).", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("The audit is complete.", markdown, StringComparison.Ordinal);
        Assert.Contains("- `AdministratorAccess`: document not in the input; audited from ImAudit's copy, version v1 of 2015-02-06", markdown, StringComparison.Ordinal);
        var notes = json.RootElement.GetProperty("coverage").GetProperty("scopeNotes").EnumerateArray().ToList();
        Assert.Equal([ScopeNote.AssumedPolicy, ScopeNote.NotInInput], notes.Select(n => n.GetProperty("kind").GetString()));
        Assert.Equal(ScopeNote.IncidentManagerResources, notes[1].GetProperty("subject").GetString());
        Assert.True(json.RootElement.GetProperty("complete").GetBoolean());
    }

    [Fact]
    public void An_aws_managed_policy_unknown_to_imaudits_copy_too_stays_a_missing_policy_gap()
    {
        var user = AccountHarness.User("ana", attached: ["NoSuchAwsManagedPolicy"]);

        var report = Audit(AccountHarness.Account([user]));

        Assert.True(report.IsIncomplete);
        var gap = Assert.Single(report.Coverage);
        Assert.Equal("missing-policy", gap.Kind);
        Assert.Contains("arn:aws:iam::aws:policy/NoSuchAwsManagedPolicy", gap.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(report.ScopeNotes, n => n.Kind == ScopeNote.AssumedPolicy);
    }

    [Fact]
    public void The_inputs_own_document_wins_over_imaudits_copy_and_is_not_noted()
    {
        // An account whose AdministratorAccess (by its ARN) allows only one read: the input is the truth.
        var user = AccountHarness.User("ana", attached: ["AdministratorAccess"]);
        var inventory = AccountHarness.Account([user]) with
        {
            Policies = [new ManagedPolicy("AdministratorAccess", "arn:aws:iam::aws:policy/AdministratorAccess", "/", "v1",
                [new PolicyVersion("v1", true, AccountHarness.Allow("\"ssm-incidents:GetResponsePlan\""), null)])],
        };

        var report = Audit(inventory);

        Assert.Equal(["ssm-incidents:GetResponsePlan"], Assert.Single(report.Principals).Access.Actions.Select(a => a.Action.FullName));
        Assert.DoesNotContain(report.ScopeNotes, n => n.Kind == ScopeNote.AssumedPolicy);
    }

    [Fact]
    public void Managed_policies_of_another_partition_and_permissions_boundaries_are_taken_from_the_copy_and_said_so()
    {
        IamUser PowerUser(string name, string boundary) => AccountHarness.User(name) with
        {
            Arn = $"arn:aws-cn:iam::111122223333:user/{name}",
            AttachedPolicies = [new AttachedPolicy("PowerUserAccess", "arn:aws-cn:iam::aws:policy/PowerUserAccess")],
            PermissionsBoundaryArn = boundary,
        };
        var reader = PowerUser("reader", "arn:aws-cn:iam::aws:policy/ReadOnlyAccess");
        var viewer = PowerUser("viewer", "arn:aws-cn:iam::aws:policy/job-function/ViewOnlyAccess");

        var report = Audit(AccountHarness.Account([reader, viewer]) with { Partition = "aws-cn" });

        Assert.False(report.IsIncomplete);
        var assumed = report.ScopeNotes.Where(n => n.Kind == ScopeNote.AssumedPolicy).ToList();
        Assert.Equal(["arn:aws-cn:iam::aws:policy/PowerUserAccess", "arn:aws-cn:iam::aws:policy/ReadOnlyAccess", "arn:aws-cn:iam::aws:policy/job-function/ViewOnlyAccess"],
            assumed.Select(n => n.Subject));
        Assert.All(assumed, n => Assert.EndsWith("(the `aws` partition's)", n.Detail, StringComparison.Ordinal));
        // Power user access within read-only access: Incident Manager reads and lists only; within view-only access
        // (which names no Incident Manager action), none.
        var access = Assert.Single(report.Principals);
        Assert.Equal(reader.Arn, access.Principal.Arn);
        Assert.NotEmpty(access.Access.Actions);
        Assert.All(access.Access.Actions, a => Assert.True(a.Action.AccessLevel is AccessLevel.List or AccessLevel.Read, a.Action.FullName));
    }

    [Fact]
    public void An_inventory_with_incident_manager_regions_has_no_scope_note_about_them()
    {
        var report = Audit(AccountHarness.Account([AccountHarness.User("ana")]) with { Regions = ["us-east-1"] });

        Assert.False(report.IsIamOnly);
        Assert.Empty(report.ScopeNotes);
        Assert.Contains("The audit is complete.", ReportMarkdown.Render(report), StringComparison.Ordinal);
    }
}
