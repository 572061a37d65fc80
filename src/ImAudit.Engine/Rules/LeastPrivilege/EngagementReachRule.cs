using ImAudit.Engine.Findings;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Rules.LeastPrivilege;

/// <summary>
/// IMA307: who a principal can page — every contact reachable by StartEngagement, through escalation plans. In an
/// organization audit it also follows shares: StartEngagement on another account's contact (IMA701) pages what
/// that contact's stages engage there.
/// </summary>
internal sealed class EngagementReachRule : IAccountRule, IOrganizationRule
{
    private const string StartEngagement = "ssm-contacts:StartEngagement";

    public RuleDescriptor Descriptor { get; } = new(RuleIds.EngagementReach, "engagement-reach",
        "Contacts a principal can page", Severity.Info, "least privilege",
        "a principal can StartEngagement on a contact or escalation plan: every contact it can page, following escalation-plan stages transitively")
    {
        Remediation = "Informational: check that the principal should page these contacts; scope `ssm-contacts:StartEngagement` to the contacts and escalation plans it needs, remembering that an escalation plan pages every contact in its stages.",
    };

    public IEnumerable<Finding> Run(AccountContext context)
    {
        // An inventory may list a contact twice (hostile or edited input): the first is walked.
        var contacts = context.Inventory.Contacts.DistinctBy(c => c.Arn).ToDictionary(c => c.Arn, StringComparer.Ordinal);
        var index = new Access.ResourceReach([.. contacts.Keys.Order(StringComparer.Ordinal)]);
        // Principals holding the same grants reach the same contacts: each distinct set is walked once.
        var walks = new Dictionary<string, Reach>(StringComparer.Ordinal);
        foreach (var principal in context.Principals.Where(p => p.Access.Find(StartEngagement) is not null))
        {
            var engageable = index.Reached(principal.Access.Find(StartEngagement));
            if (engageable.IsEmpty)
                continue;
            var setKey = engageable.Key();
            if (!walks.TryGetValue(setKey, out var reach))
                walks[setKey] = reach = Walk([.. engageable.Indexes().Select(i => index.Arns[i])], contacts);
            yield return Descriptor.Finding(Severity.Info,
                $"`{Inline(principal.Principal.Name)}` can start engagements on {Count(reach.Direct, "contact")} and so page {Count(reach.People, "personal contact")} ({Count(reach.Reached, "contact")} reached through escalation plans)",
                principal.Principal.Arn, null, reach.Details, reach.Key);
        }
    }

    /// <summary>The contacts of other accounts each principal can engage through shares, walked in their own accounts.</summary>
    public IEnumerable<Finding> Run(OrganizationContext context)
    {
        var contacts = context.Accounts.SelectMany(a => a.Inventory.Contacts).DistinctBy(c => c.Arn).ToDictionary(c => c.Arn, StringComparer.Ordinal);
        var engaging = context.Reach.Where(r => r.ResourceType == "contact" && r.Actions.Any(a => a.Action.FullName == StartEngagement));
        foreach (var group in engaging.GroupBy(r => (r.PrincipalAccount, r.Principal.Principal.Arn)))
        {
            var reach = Walk([.. group.Select(r => r.ResourceArn).Distinct().Order(StringComparer.Ordinal)], contacts);
            var principal = group.First().Principal.Principal;
            yield return Descriptor.Finding(Severity.Info,
                $"`{Inline(principal.Name)}` of account {group.Key.PrincipalAccount} can start engagements on {Count(reach.Direct, "contact")} of {string.Join(", ", group.Select(r => r.ResourceAccount).Distinct())} and so page {Count(reach.People, "personal contact")} ({Count(reach.Reached, "contact")} reached through escalation plans)",
                principal.Arn, null, reach.Details, "across:" + reach.Key) with { AccountId = group.Key.PrincipalAccount };
        }
    }

    private sealed record Reach(int Direct, int Reached, int People, MapDetail Details, string Key);

    // Every contact reachable from the engageable ones, following escalation-plan stages.
    private static Reach Walk(List<string> direct, Dictionary<string, Inventory.Contact> contacts)
    {
        var reached = new SortedSet<string>(StringComparer.Ordinal);
        var work = new Queue<string>(direct);
        while (work.Count > 0)
        {
            var arn = work.Dequeue();
            if (!reached.Add(arn) || !contacts.TryGetValue(arn, out var contact))
                continue;
            foreach (var target in contact.Stages.SelectMany(s => s.ContactTargets))
                work.Enqueue(target);
        }
        var people = reached.Where(a => contacts.TryGetValue(a, out var c) && c.Type == "PERSONAL").ToList();
        return new Reach(direct.Count, reached.Count, people.Count,
            Detail.Map(("engageable", Detail.SharedList(direct)), ("reachable", Detail.SharedList(reached)), ("people", Detail.SharedList(people))),
            Finding.ListKey(direct));
    }
}
