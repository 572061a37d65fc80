using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ImAudit.Engine.Inventory;

namespace ImAudit.Bench;

/// <summary>
/// The accounts of an organization as the state machine lists them: the management account first, then the
/// members; which are closed (skipped by the audit) and the organization id, when an emulator made them.
/// </summary>
public sealed record OrganizationAccounts(string Management, ImmutableArray<string> Members, ImmutableHashSet<string> Closed, string? OrganizationId)
{
    public IEnumerable<string> All => Members.Prepend(Management);

    /// <summary>N accounts (the management account and N − 1 members) with distinct random 12-digit ids.</summary>
    public static OrganizationAccounts Generate(int count, Random random)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<string>();
        while (ordered.Count < count)
        {
            var id = random.NextInt64(100_000_000_000, 1_000_000_000_000).ToString(CultureInfo.InvariantCulture);
            if (ids.Add(id))
                ordered.Add(id);
        }
        return new(ordered[0], [.. ordered.Skip(1)], [], null);
    }

    /// <summary>As bench/seed-organization.py prints them: <c>{"management", "members", "closed", "organizationId"}</c>.</summary>
    public static OrganizationAccounts Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        ImmutableArray<string> List(string name) => root.TryGetProperty(name, out var list) ? [.. list.EnumerateArray().Select(e => e.GetString()!)] : [];
        return new(root.GetProperty("management").GetString()!, List("members"), [.. List("closed")],
            root.TryGetProperty("organizationId", out var id) ? id.GetString() : null);
    }
}

/// <summary>
/// Who owns which response plans and contacts and whom their resource policies share them with, as an organization
/// with a central incident-management account would: the hub (the first member) has ten response plans and twenty
/// escalation contacts — one plan shared with every account by id, one with the whole organization through
/// <c>aws:PrincipalOrgID</c>, the others and the contacts with 50 accounts each — and one member in ten has one to
/// three plans of its own, each shared with one to three grantees: another account (70 %), a role there (20 %; half
/// of them do not exist: IMA702) or an account outside the organization (10 %: IMA703).
/// </summary>
public static class SyntheticShares
{
    private const string PlanActions = """["ssm-incidents:GetResponsePlan","ssm-incidents:StartIncident","ssm-incidents:ListIncidentRecords","ssm-incidents:GetIncidentRecord","ssm-incidents:UpdateIncidentRecord","ssm-incidents:ListTimelineEvents","ssm-incidents:CreateTimelineEvent","ssm-incidents:GetTimelineEvent","ssm-incidents:UpdateTimelineEvent","ssm-incidents:ListRelatedItems","ssm-incidents:UpdateRelatedItems"]""";
    private const string ContactActions = """["ssm-contacts:GetContact","ssm-contacts:StartEngagement","ssm-contacts:DescribeEngagement","ssm-contacts:ListPagesByContact","ssm-contacts:ListPagesByEngagement","ssm-contacts:StopEngagement"]""";
    private static readonly string[] Outside = ["210987654321", "321098765432", "432109876543"];

    /// <summary>The plans and contacts of every account that has some, by account.</summary>
    public static Dictionary<string, (ImmutableArray<ResponsePlan> Plans, ImmutableArray<Contact> Contacts)> Assign(OrganizationAccounts accounts, string hub, Random random)
    {
        var all = accounts.All.ToList();
        var orgId = accounts.OrganizationId ?? "o-synthetic0";
        string Roots(IEnumerable<string> ids) => $$"""{"AWS":[{{string.Join(",", ids.Select(id => $"\"arn:aws:iam::{id}:root\""))}}]}""";
        IEnumerable<string> Group(int start) => Enumerable.Range(start, Math.Min(50, all.Count)).Select(i => all[i % all.Count]);
        var owned = new Dictionary<string, (ImmutableArray<ResponsePlan>, ImmutableArray<Contact>)>(StringComparer.Ordinal);
        var hubPlans = Enumerable.Range(0, 10).Select(i => Plan(hub, $"hub-plan-{i}", $"hub-oncall-{i}", i switch
        {
            0 => (Roots(all), ""),
            1 => ("""{"AWS":"*"}""", $$$""","Condition":{"StringEquals":{"aws:PrincipalOrgID":"{{{orgId}}}"}}"""),
            _ => (Roots(Group(random.Next(all.Count))), ""),
        })).ToImmutableArray();
        var hubContacts = Enumerable.Range(0, 20).Select(i => Contact(hub, $"hub-oncall-{i}", Roots(Group(random.Next(all.Count)))))
            .Concat(Enumerable.Range(0, 40).Select(i => Contact(hub, $"responder-{i}", null))).ToImmutableArray();
        owned[hub] = (hubPlans, hubContacts);
        foreach (var owner in all.Where(a => a != hub && random.Next(10) == 0))
        {
            var plans = Enumerable.Range(0, random.Next(1, 4)).Select(i =>
            {
                var grantees = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Grantee(all[random.Next(all.Count)], random));
                return Plan(owner, $"team-plan-{i}", $"team-oncall-{i}", ($$"""{"AWS":[{{string.Join(",", grantees.Select(g => $"\"{g}\""))}}]}""", ""));
            }).ToImmutableArray();
            owned[owner] = (plans, [.. plans.Select((p, i) => Contact(owner, $"team-oncall-{i}", random.Next(2) == 0 ? Roots([all[random.Next(all.Count)]]) : null))]);
        }
        return owned;
    }

    private static string Grantee(string account, Random random) => random.Next(10) switch
    {
        < 7 => $"arn:aws:iam::{account}:root",
        7 => $"arn:aws:iam::{account}:role/OrganizationAccountAccessRole",
        8 => $"arn:aws:iam::{account}:role/incident-bridge",
        _ => Outside[random.Next(Outside.Length)],
    };

    private static ResponsePlan Plan(string account, string name, string contact, (string Principal, string Condition) share)
    {
        var arn = $"arn:aws:ssm-incidents::{account}:response-plan/{name}";
        var policy = $$"""{"Version":"2012-10-17","Statement":[{"Sid":"Share","Effect":"Allow","Principal":{{share.Principal}},"Action":{{PlanActions}},"Resource":["{{arn}}","arn:aws:ssm-incidents:*:{{account}}:incident-record/{{name}}/*"]{{share.Condition}}}]}""";
        return new ResponsePlan(arn, name, null, [new RunbookAction("AWSIncidents-CriticalIncidentRunbookTemplate", $"arn:aws:iam::{account}:role/{SyntheticMember.RunbookRole}", null)],
            [$"arn:aws:ssm-contacts:us-east-1:{account}:contact/{contact}"], [], [new ResourcePolicy($"{name}-share", policy, "us-east-1")]);
    }

    private static Contact Contact(string account, string alias, string? principal)
    {
        var arn = $"arn:aws:ssm-contacts:us-east-1:{account}:contact/{alias}";
        var policy = principal is null ? null
            : $$"""{"Version":"2012-10-17","Statement":[{"Sid":"Share","Effect":"Allow","Principal":{{principal}},"Action":{{ContactActions}},"Resource":["{{arn}}","arn:aws:ssm-contacts:*:{{account}}:engagement/{{alias}}/*","arn:aws:ssm-contacts:*:{{account}}:page/{{alias}}/*"]}]}""";
        return new Contact(arn, alias, principal is null ? "PERSONAL" : "ESCALATION", null, [], policy);
    }
}
