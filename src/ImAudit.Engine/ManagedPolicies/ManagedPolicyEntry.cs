using System.Collections.Immutable;

namespace ImAudit.Engine.ManagedPolicies;

/// <summary>A version as the index lists it: where its text lies in the policy's decompressed chunk.</summary>
internal sealed record VersionEntry(string VersionId, DateTimeOffset? Date, int Offset, int Length);

/// <summary>
/// One AWS managed policy in the index: its name, path, and where its versions lie in the data file (a Brotli chunk
/// holding every version's text, newest first, so the default version is the start of the chunk).
/// </summary>
internal sealed record ManagedPolicyEntry(string Name, string Path, long ChunkOffset, int ChunkLength, ImmutableArray<VersionEntry> NewestFirst)
{
    public string Arn => $"arn:aws:iam::aws:policy{Path}{Name}";
}
