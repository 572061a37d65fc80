using ImAudit.Engine.Inventory;
using System.Globalization;
using System.Text.Json;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Json;
using ImAudit.Engine.Reports;

namespace ImAudit.Engine.Organizations;

/// <summary><c>report.json</c> of an organization audit (schema in docs/organization-report.md). No reflection.</summary>
internal static class OrganizationReportJson
{
    public const string Kind = "organization";

    /// <summary>The report whole (tests); what writes files and uploads streams it with the overload below.</summary>
    internal static byte[] Write(OrganizationReport report) =>
        Whole.Bytes(stream => Write(stream, report));

    /// <summary>The report written straight to <paramref name="destination"/> (a file, an upload), never held whole.</summary>
    public static void Write(Stream destination, OrganizationReport report)
    {
        using (var w = new Utf8JsonWriter(destination, JsonFormats.Readable))
        {
            w.WriteStartObject();
            w.WriteString("schemaVersion", OrganizationReport.SchemaVersion);
            w.WriteString("kind", Kind);
            WriteOrganization(w, report.Organization);
            w.WriteString("generatedAt", report.GeneratedAt.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("catalog", report.CatalogSource);
            w.WriteBoolean("complete", !report.IsIncomplete);
            Counts(w, report.Counts);
            w.WriteStartArray("accounts");
            foreach (var (account, view) in report.AccountViews())
            {
                WriteAccount(w, account, view);
                w.FlushIfFull();
            }
            w.WriteEndArray();
            WriteNotAudited(w, report);
            FindingJson.Write(w, report.Findings, [.. report.Accounts.SelectMany(a => a.Report.RuleFailures), .. report.CrossAccountFailures]);
            if (report.Drift is { } drift)
                ReportJson.WriteDrift(w, drift);
            WriteReach(w, report);
            w.WriteEndObject();
        }
    }

    private static void WriteOrganization(Utf8JsonWriter w, Organization organization)
    {
        if (organization.Id is null && organization.Members is null)
            return;
        w.WriteStartObject("organization");
        if (organization.Id is { } id) w.WriteString("id", id);
        if (organization.Arn is { } arn) w.WriteString("arn", arn);
        if (organization.ManagementAccountId is { } management) w.WriteString("managementAccountId", management);
        w.WriteBoolean("accountsKnown", organization.Members is not null);
        w.WriteEndObject();
    }

    private static void WriteAccount(Utf8JsonWriter w, AccountReport account, AuditReport view)
    {
        w.WriteStartObject();
        w.WriteString("accountId", account.AccountId);
        if (account.Member?.Name is { } name) w.WriteString("name", name);
        if (account.Member is { } member) w.WriteString("state", member.State);
        if (view.Source is { } source) w.WriteString("source", source);
        w.WriteBoolean("complete", !view.IsIncomplete);
        w.WriteNumber("policiesAudited", view.PoliciesAudited);
        w.WriteNumber("principalsWithAccess", view.Principals.Length);
        Counts(w, view.Counts);
        ReportJson.WriteGaps(w, "coverage", view.Coverage);
        w.WriteEndObject();
    }

    private static void WriteNotAudited(Utf8JsonWriter w, OrganizationReport report)
    {
        w.WriteStartArray("notAudited");
        foreach (var account in report.NotAudited)
        {
            w.WriteStartObject();
            w.WriteString("accountId", account.AccountId);
            if (account.Name is { } name) w.WriteString("name", name);
            if (account.State is { } state) w.WriteString("state", state);
            w.WriteString("status", account.Failed ? "failed" : "skipped");
            w.WriteString("reason", account.Reason);
            w.WriteEndObject();
            w.FlushIfFull();
        }
        w.WriteEndArray();
    }

    private static void WriteReach(Utf8JsonWriter w, OrganizationReport report)
    {
        w.WriteStartArray("crossAccountReach");
        foreach (var reach in report.Reach)
        {
            w.WriteStartObject();
            w.WriteString("principal", reach.Principal.Principal.Arn);
            w.WriteString("principalAccount", reach.PrincipalAccount);
            w.WriteString("resource", reach.ResourceArn);
            w.WriteString("resourceType", reach.ResourceType);
            w.WriteString("resourceAccount", reach.ResourceAccount);
            w.WriteString("policy", reach.PolicyName);
            w.WriteBoolean("conditional", reach.Conditional);
            w.WriteStartArray("actions");
            foreach (var a in reach.Actions)
            {
                w.WriteStartObject();
                w.WriteString("action", a.Action.FullName);
                w.WriteString("accessLevel", a.Action.AccessLevel.Display());
                w.WriteBoolean("conditional", a.Conditional);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.FlushIfFull();
        }
        w.WriteEndArray();
    }

    private static void Counts(Utf8JsonWriter w, IReadOnlyDictionary<Severity, int> counts)
    {
        w.WriteStartObject("counts");
        foreach (var (severity, count) in counts.OrderByDescending(kv => kv.Key))
            w.WriteNumber(severity.Name(), count);
        w.WriteEndObject();
    }
}
