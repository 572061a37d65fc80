using System.Collections.Immutable;

namespace ImAudit.Engine.Inventory;

/// <summary>
/// Everything ImAudit knows about one account: the single data model between collection and analysis.
/// Policy documents are kept as the JSON text AWS returned (decoded), so the engine parses them with locations.
/// Serialised as <c>inventory.json</c> (<see cref="InventoryJson"/>, schema in docs/inventory.md).
/// </summary>
public sealed record AccountInventory(
    string AccountId,
    string Partition,
    ImmutableArray<string> Regions,
    ImmutableArray<IamUser> Users,
    ImmutableArray<IamGroup> Groups,
    ImmutableArray<IamRole> Roles,
    ImmutableArray<ManagedPolicy> Policies,
    ImmutableArray<ResponsePlan> ResponsePlans,
    ImmutableArray<Contact> Contacts,
    ReplicationSet? ReplicationSet,
    ImmutableArray<CollectionError> CollectionErrors,
    string? Source = null,
    DateTimeOffset? CollectedAt = null)
{
    public const string SchemaVersion = "1";

    public ManagedPolicy? FindPolicy(string arn) => Policies.FirstOrDefault(p => p.Arn == arn);

    /// <summary>
    /// The managed policies by ARN, the first of duplicates as <see cref="FindPolicy"/> answers: for a caller that
    /// looks up many (a scan per lookup is 4,201 × 4,201 on the synthetic 50× account). Built anew on each call, so
    /// an inventory made with <c>with</c> never answers from another's policies.
    /// </summary>
    public IReadOnlyDictionary<string, ManagedPolicy> PoliciesByArn()
    {
        var byArn = new Dictionary<string, ManagedPolicy>(StringComparer.Ordinal);
        foreach (var policy in Policies)
            byArn.TryAdd(policy.Arn, policy);
        return byArn;
    }

    /// <summary>
    /// Whether the input holds Incident Manager at all: a collected inventory names the Regions it read Incident
    /// Manager in (at least one); an IAM export (authorization details) names none and holds no plan or contact.
    /// </summary>
    public bool HoldsIncidentManager => !Regions.IsEmpty || !ResponsePlans.IsEmpty || !Contacts.IsEmpty || ReplicationSet is not null;

    /// <summary>True when something could not be read: the audit is incomplete.</summary>
    public bool IsIncomplete => !CollectionErrors.IsEmpty;

    /// <summary>
    /// The first broad read (a list, a Region, the account's IAM details: anything not named by an ARN) this run
    /// failed that <paramref name="earlier"/>'s run did not, or null: what makes a run worse than the one its
    /// comparisons are based on (the function's snapshot, the CLI's history). A failed read of one resource does not.
    /// </summary>
    public CollectionError? FailedBroadReadNotIn(AccountInventory? earlier)
    {
        var failedBefore = (earlier?.CollectionErrors ?? []).Select(ReadKey).ToHashSet(StringComparer.Ordinal);
        return CollectionErrors.FirstOrDefault(e => !e.Resource.StartsWith("arn:", StringComparison.Ordinal) && !failedBefore.Contains(ReadKey(e)));
    }

    private static string ReadKey(CollectionError e) => $"{e.Service}\n{e.Operation}\n{e.Resource}";
}

public sealed record Tag(string Key, string Value);

public sealed record InlinePolicy(string Name, string Document);

public sealed record AttachedPolicy(string Name, string Arn);

public sealed record IamUser(
    string Name, string Arn, string Path,
    ImmutableArray<InlinePolicy> InlinePolicies, ImmutableArray<AttachedPolicy> AttachedPolicies,
    ImmutableArray<string> Groups, string? PermissionsBoundaryArn, ImmutableArray<Tag> Tags);

public sealed record IamGroup(
    string Name, string Arn, string Path,
    ImmutableArray<InlinePolicy> InlinePolicies, ImmutableArray<AttachedPolicy> AttachedPolicies);

public sealed record IamRole(
    string Name, string Arn, string Path, string? TrustPolicy,
    ImmutableArray<InlinePolicy> InlinePolicies, ImmutableArray<AttachedPolicy> AttachedPolicies,
    string? PermissionsBoundaryArn, ImmutableArray<Tag> Tags)
{
    public bool IsServiceLinked => Path.StartsWith("/aws-service-role/", StringComparison.Ordinal);
}

public sealed record PolicyVersion(string VersionId, bool IsDefault, string Document, DateTimeOffset? CreateDate);

/// <summary>A managed policy: customer managed, or AWS managed (<c>arn:aws:iam::aws:policy/…</c>).</summary>
public sealed record ManagedPolicy(string Name, string Arn, string Path, string DefaultVersionId, ImmutableArray<PolicyVersion> Versions)
{
    public bool IsAwsManaged => Engine.Arn.Parse(Arn)?.Account == "aws";

    public PolicyVersion? DefaultVersion => Versions.FirstOrDefault(v => v.VersionId == DefaultVersionId) ?? Versions.FirstOrDefault(v => v.IsDefault);
}

/// <summary>A response plan's SSM Automation runbook: the role Incident Manager passes to it.</summary>
public sealed record RunbookAction(string DocumentName, string RoleArn, string? TargetAccount);

/// <summary>A resource policy on a response plan (as GetResourcePolicies returns it).</summary>
public sealed record ResourcePolicy(string PolicyId, string Document, string? RamResourceShareRegion);

public sealed record ResponsePlan(
    string Arn, string Name, string? DisplayName,
    ImmutableArray<RunbookAction> Actions, ImmutableArray<string> Engagements, ImmutableArray<string> ChatChannelTopics,
    ImmutableArray<ResourcePolicy> ResourcePolicies);

/// <summary>One escalation or engagement stage: the contacts (or channels) engaged, after a delay.</summary>
public sealed record ContactStage(int DurationInMinutes, ImmutableArray<string> ContactTargets, ImmutableArray<string> ChannelTargets);

/// <summary>A contact: PERSONAL, ESCALATION (plan) or ONCALL_SCHEDULE, with its stages and resource policy.</summary>
public sealed record Contact(string Arn, string Alias, string Type, string? DisplayName, ImmutableArray<ContactStage> Stages, string? Policy);

public sealed record ReplicationSet(string Arn, string Status, ImmutableArray<string> Regions, bool DeletionProtected);

/// <summary>Something that could not be read, and why: a coverage gap in the report, never a crash.</summary>
public sealed record CollectionError(string Service, string Operation, string Resource, string Code, string Message);
