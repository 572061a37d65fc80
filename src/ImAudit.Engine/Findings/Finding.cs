using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Findings;

/// <summary>Where a finding is: the policy, the statement, a JSON Pointer and, for text, line and column.</summary>
public sealed record FindingLocation(string? Policy, int? Statement = null, string? Sid = null, string? Pointer = null, int? Line = null, int? Column = null)
{
    internal static FindingLocation In(string policy, Statement? statement, SourceLocation? at) =>
        new(policy, statement?.Index, statement?.Sid, at?.Pointer, at?.Line, at?.Column);
}

/// <summary>
/// One finding. <see cref="Fingerprint"/> is stable across runs for the same finding on the same thing: it hashes
/// the rule, the resource, the policy, where in the policy, and the rule's own key (never line numbers or wording).
/// </summary>
public sealed record Finding
{
    internal Finding(string ruleId, Severity severity, string title, string message, string resource, FindingLocation? location, MapDetail details, string fingerprint)
    {
        (RuleId, Severity, Title, Message, Resource) = (ruleId, severity, title, message, resource);
        (Location, Details, Fingerprint) = (location, details, fingerprint);
    }

    public string RuleId { get; init; }

    public Severity Severity { get; init; }

    public string Title { get; init; }

    /// <summary>One line, user input in backticks.</summary>
    public string Message { get; init; }

    /// <summary>What the finding is about: an ARN (a principal, a policy, a response plan or contact), or the document's name when a policy is checked alone.</summary>
    public string Resource { get; init; }

    /// <summary>Where in which policy, when the finding is about a place in a document.</summary>
    public FindingLocation? Location { get; init; }

    /// <summary>What the rule found, as report.json writes it: the engine's, for the writers.</summary>
    internal MapDetail Details { get; init; }

    /// <summary>Stable across runs for the same finding on the same thing.</summary>
    public string Fingerprint { get; init; }

    /// <summary>
    /// The account the finding belongs to, set by the organization audit (single-account reports leave it out: the
    /// report names its one account). Not part of the fingerprint: a finding keeps its identity whichever audit made it.
    /// </summary>
    public string? AccountId { get; init; }

    /// <summary>The rule's own key, kept so that a finding can be moved to an identical document elsewhere.</summary>
    internal string Key { get; init; } = "";

    /// <summary>The same finding on another resource and policy with the same text (fingerprint recomputed).</summary>
    internal Finding MovedTo(string resource, string policy) => this with
    {
        Resource = resource,
        Location = Location is null ? null : Location with { Policy = policy },
        Fingerprint = FingerprintOf(RuleId, resource, Location is null ? null : policy, Location?.Pointer, Key),
    };

    public static string FingerprintOf(string ruleId, string resource, string? policy, string? pointer, string key) =>
        Digest([ruleId, resource, policy ?? "", pointer ?? "", key], 0x1f);

    /// <summary>A rule key over a long list (every contact a principal reaches): its digest, computed once and shared.</summary>
    internal static string ListKey(IEnumerable<string> items) => "sha256:" + Digest([.. items], (byte)',');

    /// <summary>
    /// The id of a shared list in a report's <c>groups</c>: <c>g</c> and 64 bits of the digest of its items, so the
    /// same list has the same id in every run and every report.
    /// </summary>
    internal static string GroupId(IEnumerable<string> items) => "g" + Digest([.. items], (byte)'\n')[..16];

    // The first 128 bits of the SHA-256 of the parts' UTF-8 joined by a separator, in lower-case hex. The parts are
    // encoded straight into one buffer: keys and lists run to thousands of characters.
    private static string Digest(ReadOnlySpan<string> parts, byte separator)
    {
        var length = parts.Length;
        foreach (var part in parts)
            length += Encoding.UTF8.GetMaxByteCount(part.Length);
        var rented = length > 1024 ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> bytes = rented ?? stackalloc byte[1024];
            var written = 0;
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                    bytes[written++] = separator;
                written += Encoding.UTF8.GetBytes(parts[i], bytes[written..]);
            }
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(bytes[..written], hash);
            return Convert.ToHexStringLower(hash[..16]);
        }
        finally
        {
            if (rented is not null)
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    internal static readonly MapDetail NoDetails = new(ImmutableArray<KeyValuePair<string, Detail>>.Empty);
}
