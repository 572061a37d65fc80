using ImAudit.Engine;
using System.Collections.Immutable;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Policies;

namespace ImAudit.Cli;

/// <summary>One file's inventory (an authorization-details page, or an ImAudit inventory) of a folder given to <c>scan</c>.</summary>
internal sealed record Page(AccountInventory Inventory, string File);

/// <summary>
/// Several pages (or inventories) of one account as one, in ordinal file order. What several files hold alike is
/// kept once. Where they disagree about one ARN (taken at different times, or edited), ImAudit cannot know which
/// is true, so the audit hides no permission any of them gives: a principal gets every inline policy (one name with
/// two documents keeps both, the later named by its file), every attached policy, every group, every trust policy
/// statement and resource policy, and a permissions boundary only when the files name the same one. A managed
/// policy keeps every version, and the newest default (IAM numbers versions in order). Each disagreement is one
/// warning line naming the ARN and both files. One file that lists an ARN twice is merged by the same rule.
/// </summary>
internal static class PageMerge
{
    public static AccountInventory Merge(IReadOnlyList<Page> pages, string? source, TextWriter stderr)
    {
        var warn = (string arn, string first, string later) => stderr.WriteLine(first == later
            ? $"imaudit: warning: `{MessageText.Inline(arn)}` is in `{MessageText.Inline(first)}` twice, differently; audited with everything either gives it"
            : $"imaudit: warning: `{MessageText.Inline(arn)}` differs between `{MessageText.Inline(first)}` and `{MessageText.Inline(later)}`; audited with everything either gives it");
        return pages[0].Inventory with
        {
            AccountId = pages.Select(p => p.Inventory.AccountId).FirstOrDefault(a => a.Length > 0) ?? "",
            Users = Items(pages, i => i.Users, u => u.Arn, u => Alone with { Users = [u] }, Union, warn),
            Groups = Items(pages, i => i.Groups, g => g.Arn, g => Alone with { Groups = [g] }, Union, warn),
            Roles = Items(pages, i => i.Roles, r => r.Arn, r => Alone with { Roles = [r] }, Union, warn),
            Policies = Items(pages, i => i.Policies, p => p.Arn, p => Alone with { Policies = [p] }, Union, warn),
            ResponsePlans = Items(pages, i => i.ResponsePlans, p => p.Arn, p => Alone with { ResponsePlans = [p] }, Union, warn),
            Contacts = Items(pages, i => i.Contacts, c => c.Arn, c => Alone with { Contacts = [c] }, Union, warn),
            CollectionErrors = [.. pages.SelectMany(p => p.Inventory.CollectionErrors)],
            Source = pages.Count == 1 ? pages[0].Inventory.Source : source,
        };
    }

    private static readonly AccountInventory Alone = new("", "aws", [], [], [], [], [], [], [], null, []);

    // Items by ARN in file order; a later item that differs from every earlier one of its ARN (compared as the
    // inventory writes it: documents normalised) is merged into the first and warned about.
    private static ImmutableArray<T> Items<T>(IReadOnlyList<Page> pages, Func<AccountInventory, ImmutableArray<T>> items, Func<T, string> arn,
        Func<T, AccountInventory> alone, Func<T, T, string, T> union, Action<string, string, string> warn)
    {
        var merged = new List<T>();
        var seen = new Dictionary<string, Seen<T>>(StringComparer.Ordinal);
        string Content(T item) => System.Text.Encoding.UTF8.GetString(InventoryJson.Write(alone(item)));
        foreach (var page in pages)
        {
            foreach (var item in items(page.Inventory))
            {
                var key = arn(item);
                if (!seen.TryGetValue(key, out var first))
                {
                    seen[key] = new Seen<T>(merged.Count, page.File, item);
                    merged.Add(item);
                    continue;
                }
                // Compared only when an ARN comes again: most pages hold each principal once.
                first.Contents ??= [Content(first.Item)];
                var content = Content(item);
                if (first.Contents.Contains(content))
                    continue;
                first.Contents.Add(content);
                warn(key, first.File, page.File);
                merged[first.Index] = union(merged[first.Index], item, Path.GetFileName(page.File));
            }
        }
        return [.. merged];
    }

    private sealed class Seen<T>(int index, string file, T item)
    {
        public int Index { get; } = index;
        public string File { get; } = file;
        public T Item { get; } = item;
        public List<string>? Contents { get; set; }
    }

    private static IamUser Union(IamUser a, IamUser b, string file) => a with
    {
        InlinePolicies = Inline(a.InlinePolicies, b.InlinePolicies, file),
        AttachedPolicies = [.. a.AttachedPolicies.Concat(b.AttachedPolicies).DistinctBy(p => p.Arn)],
        Groups = [.. a.Groups.Concat(b.Groups).Distinct(StringComparer.Ordinal)],
        PermissionsBoundaryArn = a.PermissionsBoundaryArn == b.PermissionsBoundaryArn ? a.PermissionsBoundaryArn : null,
        Tags = [.. a.Tags.Concat(b.Tags).DistinctBy(t => t.Key)],
    };

    private static IamGroup Union(IamGroup a, IamGroup b, string file) => a with
    {
        InlinePolicies = Inline(a.InlinePolicies, b.InlinePolicies, file),
        AttachedPolicies = [.. a.AttachedPolicies.Concat(b.AttachedPolicies).DistinctBy(p => p.Arn)],
    };

    private static IamRole Union(IamRole a, IamRole b, string file) => a with
    {
        TrustPolicy = PolicyStatements.Union(a.TrustPolicy, b.TrustPolicy),
        InlinePolicies = Inline(a.InlinePolicies, b.InlinePolicies, file),
        AttachedPolicies = [.. a.AttachedPolicies.Concat(b.AttachedPolicies).DistinctBy(p => p.Arn)],
        PermissionsBoundaryArn = a.PermissionsBoundaryArn == b.PermissionsBoundaryArn ? a.PermissionsBoundaryArn : null,
        Tags = [.. a.Tags.Concat(b.Tags).DistinctBy(t => t.Key)],
    };

    private static ManagedPolicy Union(ManagedPolicy a, ManagedPolicy b, string file)
    {
        var versions = a.Versions.Concat(b.Versions).DistinctBy(v => v.VersionId).ToList();
        var newest = new[] { a.DefaultVersion, b.DefaultVersion }.OfType<PolicyVersion>()
            .OrderByDescending(v => int.TryParse(v.VersionId.TrimStart('v', 'V'), out var n) ? n : -1).ThenByDescending(v => v.CreateDate).FirstOrDefault();
        var defaultId = newest?.VersionId ?? a.DefaultVersionId;
        return a with { DefaultVersionId = defaultId, Versions = [.. versions.Select(v => v with { IsDefault = v.VersionId == defaultId })] };
    }

    private static ResponsePlan Union(ResponsePlan a, ResponsePlan b, string file) => a with
    {
        Actions = [.. a.Actions.Concat(b.Actions).Distinct()],
        Engagements = [.. a.Engagements.Concat(b.Engagements).Distinct(StringComparer.Ordinal)],
        ChatChannelTopics = [.. a.ChatChannelTopics.Concat(b.ChatChannelTopics).Distinct(StringComparer.Ordinal)],
        ResourcePolicies = [.. a.ResourcePolicies.Concat(b.ResourcePolicies
            .Where(p => !a.ResourcePolicies.Any(q => q.PolicyId == p.PolicyId && PolicyStatements.Same(q.Document, p.Document)))
            .Select(p => a.ResourcePolicies.Any(q => q.PolicyId == p.PolicyId) ? p with { PolicyId = $"{p.PolicyId} ({file})" } : p))],
    };

    private static Contact Union(Contact a, Contact b, string file) => a with
    {
        Stages = [.. a.Stages.Concat(b.Stages).DistinctBy(s => $"{s.DurationInMinutes}|{string.Join(',', s.ContactTargets)}|{string.Join(',', s.ChannelTargets)}")],
        Policy = PolicyStatements.Union(a.Policy, b.Policy),
    };

    // The same name with another document is a second policy: kept, named by the file it came from (IAM names have no
    // spaces or parentheses, so it names no real policy).
    private static ImmutableArray<InlinePolicy> Inline(ImmutableArray<InlinePolicy> a, ImmutableArray<InlinePolicy> b, string file) =>
        [.. a.Concat(b.Where(p => !a.Any(q => q.Name == p.Name && PolicyStatements.Same(q.Document, p.Document)))
            .Select(p => a.Any(q => q.Name == p.Name) ? p with { Name = $"{p.Name} ({file})" } : p))];
}
