using System.Collections.Immutable;

namespace ImAudit.Engine.ManagedPolicies;

/// <summary>
/// ImAudit's copy of every AWS managed policy with every version AWS lists (tools/managed-policies), compressed in
/// the engine. Lazy: nothing is decompressed until a policy is asked for; the index is read once (the one cache,
/// for the process's life, immutable); a policy's versions are decoded on each call and owned by the caller, and
/// asking for the default version decodes only that one.
/// </summary>
internal static class ManagedPolicyLibrary
{
    private const string AwsManagedPrefix = "policy/";

    private static readonly Lazy<ManagedPolicyData.Index> Data = new(ManagedPolicyData.ReadIndex, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<ManagedPolicyDataVersion> DataVersionValue = new(ManagedPolicyData.ReadVersion, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The npm package and version the copy was generated from (read without decompressing the data).</summary>
    public static ManagedPolicyDataVersion DataVersion => DataVersionValue.Value;

    public static int Count => Data.Value.Policies.Count;

    /// <summary>Whether ImAudit knows the policy (names are case-insensitive).</summary>
    public static bool Contains(string name) => Data.Value.Policies.ContainsKey(name);

    /// <summary>The default (newest) version, or null when ImAudit does not know the policy.</summary>
    public static ManagedPolicyVersion? Default(string name) =>
        Data.Value.Policies.TryGetValue(name, out var policy) ? Versions(policy, 1)[0] : null;

    /// <summary>Every version ImAudit knows, oldest first; empty when it does not know the policy.</summary>
    public static ImmutableArray<ManagedPolicyVersion> History(string name) =>
        Data.Value.Policies.TryGetValue(name, out var policy) ? [.. Versions(policy, policy.NewestFirst.Length).Reverse()] : [];

    /// <summary>
    /// The policy name in an AWS managed policy ARN of any partition (<c>arn:aws-cn:iam::aws:policy/job-function/X</c>
    /// gives <c>X</c>); null for any other ARN. IAM policy names are unique in an account whatever their path.
    /// </summary>
    public static string? NameOf(string arn) =>
        Arn.Parse(arn) is { Partition.Length: > 0, Service: "iam", Region: "", Account: "aws" } parsed
            && parsed.Resource.StartsWith(AwsManagedPrefix, StringComparison.Ordinal) && parsed.Name.Length > 0
            ? parsed.Name
            : null;

    private static ImmutableArray<ManagedPolicyVersion> Versions(ManagedPolicyEntry policy, int count)
    {
        var texts = ManagedPolicyData.ReadNewest(Data.Value, policy, count);
        return [.. texts.Select((text, i) => new ManagedPolicyVersion(policy.Name, policy.Arn, policy.NewestFirst[i].VersionId, policy.NewestFirst[i].Date, text))];
    }
}
