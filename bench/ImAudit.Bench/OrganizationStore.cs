using ImAudit.Engine.Reports;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using ImAudit.Engine;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Drift;

namespace ImAudit.Bench;

/// <summary>
/// A report store (directory) as the organization audit leaves it before its aggregate step: the latest snapshot of
/// every audited account at <c>imaudit/snapshots/ID/latest.json</c>, written as the account audit writes it, and
/// <c>aggregate-event.json</c>, the event the state machine sends: every account's outcome, one in a hundred failed
/// and one in a hundred skipped (or the closed ones, when an emulator made the organization), nested one array level
/// per page of 20 accounts; <c>aggregate-event-flat.json</c> has the same outcomes one level deep (the function reads
/// at most 64 levels of JSON: a nested event of more than 61 pages, 1,220 accounts, is refused). Deterministic: the
/// same seed writes the same files.
/// </summary>
public static class OrganizationStore
{
    public const int Seed = 20261201;
    private const int PageSize = 20;
    private static readonly DateTimeOffset AuditedAt = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    public static void Write(int count, string directory, string? organizationFile)
    {
        var random = new Random(Seed);
        var accounts = organizationFile is null ? OrganizationAccounts.Generate(count, random) : OrganizationAccounts.Read(organizationFile);
        var all = accounts.All.ToList();
        var hub = accounts.Members[0];
        var owned = SyntheticShares.Assign(accounts, hub, random);
        var few = Math.Max(1, all.Count / 100);
        var eligible = accounts.Members.Where(a => a != hub && !accounts.Closed.Contains(a)).OrderBy(_ => random.Next()).ToList();
        var failed = eligible.Take(few).ToHashSet(StringComparer.Ordinal);
        var skipped = accounts.Closed.IsEmpty ? eligible.Skip(few).Take(few).ToHashSet(StringComparer.Ordinal) : accounts.Closed.ToHashSet(StringComparer.Ordinal);

        var engine = new PolicyEngine(IamCatalog.Default);
        var stats = new ConcurrentDictionary<string, (string Tier, int Principals, int Findings, long Bytes)>(StringComparer.Ordinal);
        // One account per core: each audit runs its principals in parallel itself, and more accounts at once only
        // starve the thread pool (hundreds of blocked threads, next to no progress).
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.ForEach(all.Select((id, index) => (id, index)).Where(a => !failed.Contains(a.id) && !skipped.Contains(a.id)), parallel, account =>
        {
            var own = new Random(Seed + 1 + account.index);
            var size = account.id == hub ? MemberSize.Large(own) : MemberSize.Draw(own);
            var (plans, contacts) = owned.GetValueOrDefault(account.id);
            var inventory = SyntheticMember.Generate(account.id, accounts.Management, size, own, plans, contacts);
            var report = engine.Audit(inventory, AuditedAt, null, null);
            var snapshot = SnapshotJson.Write(inventory, report);
            var folder = Path.Combine(directory, "imaudit", "snapshots", account.id);
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, "latest.json"), snapshot);
            stats[account.id] = (size.Tier, inventory.Users.Length + inventory.Roles.Length, report.Findings.Length, snapshot.Length);
        });
        File.WriteAllBytes(Path.Combine(directory, "aggregate-event.json"), Event(accounts.Management, all, failed, skipped, nested: true));
        File.WriteAllBytes(Path.Combine(directory, "aggregate-event-flat.json"), Event(accounts.Management, all, failed, skipped, nested: false));

        foreach (var tier in stats.Values.GroupBy(s => s.Tier).OrderByDescending(g => g.Sum(s => s.Principals)))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{tier.Key}: {tier.Count()} accounts, {tier.Sum(s => s.Principals):N0} principals, {tier.Sum(s => s.Findings):N0} findings"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{all.Count} accounts ({stats.Count} audited, {failed.Count} failed, {skipped.Count} skipped; hub {hub}), {stats.Values.Sum(s => s.Principals):N0} principals, " +
            $"{stats.Values.Sum(s => s.Findings):N0} findings, {owned.Values.Sum(o => o.Plans.Length)} response plans, snapshots {stats.Values.Sum(s => s.Bytes) / 1048576.0:F1} MB"));
    }

    // Nested: [[[[], page 1], page 2], page 3], the state machine's States.Array(results, pageResults) after each page.
    // Flat: [page 1, page 2, page 3], the same outcomes at a depth that does not grow with the organization.
    private static byte[] Event(string management, IReadOnlyList<string> accounts, HashSet<string> failed, HashSet<string> skipped, bool nested)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            var pages = accounts.Chunk(PageSize).ToList();
            w.WriteStartObject();
            w.WriteString("action", "aggregate");
            w.WriteString("execution", $"arn:aws:states:us-east-1:{management}:execution:imaudit-organization:2026-12-01T06-00-00Z");
            w.WritePropertyName("results");
            for (var i = 0; i < (nested ? pages.Count : 1); i++)
                w.WriteStartArray();
            if (nested)
            {
                w.WriteStartArray();
                w.WriteEndArray();
            }
            foreach (var page in pages)
            {
                w.WriteStartArray();
                foreach (var account in page)
                    Outcome(w, account, failed.Contains(account) ? "failed" : skipped.Contains(account) ? "skipped" : "audited");
                w.WriteEndArray();
                if (nested)
                    w.WriteEndArray();
            }
            if (!nested)
                w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void Outcome(Utf8JsonWriter w, string account, string status)
    {
        w.WriteStartObject();
        w.WriteString("accountId", account);
        w.WriteString("status", status);
        if (status == "failed")
        {
            w.WriteString("error", "RoleNotAssumedException");
            w.WriteString("cause", $$"""{"errorType":"RoleNotAssumedException","errorMessage":"cannot assume `arn:aws:iam::{{account}}:role/imaudit-member`: AccessDenied"}""");
        }
        w.WriteEndObject();
    }
}
