using ImAudit.Engine.Catalog;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Access;

/// <summary>
/// Access remembered for the length of one audit (the <see cref="AuditMemo"/>'s): what each policy document
/// contributes over a scope (an account attaches the same managed policies to thousands of principals), and the
/// effective access of each distinct set of documents (principals with the same attachments). Never shared globally.
/// Keys by identity, and why that is sound (docs/engine.md, "Caches"): documents are the audit's
/// <see cref="Policies.DocumentCache"/> instances (one per name, kind and text); grants are created once per
/// (scope, document, statement) by the <see cref="DocumentAccess"/> kept here, and a baseline's grant arrays once
/// by the effective access kept here. Identity decides only the hit rate, never a result: a miss recomputes the
/// same value.
/// </summary>
internal sealed class AccessMemo
{
    // Scope key → document → what it contributes over the scope.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<PolicyDocument, DocumentAccess>> _byDocument = new(StringComparer.Ordinal);

    // (scope key, identity and boundary documents in order) → effective access.
    private readonly ConcurrentDictionary<(string Scope, PolicySetKey Policies), EffectiveAccess> _bySet = new();

    // Services joined (sorted, distinct) → scope; each scope keeps its own pattern and element coverage.
    private readonly ConcurrentDictionary<string, AccessScope> _scopes = new(StringComparer.Ordinal);

    // A private copy of a sequence of grant objects → the sequence normalised; asked with the caller's span.
    private readonly ConcurrentDictionary<ResourceGrant[], ImmutableArray<ResourceGrant>> _normalized = new(SameGrants.Instance);
    private readonly ConcurrentDictionary<ResourceGrant[], ImmutableArray<ResourceGrant>>.AlternateLookup<ReadOnlySpan<ResourceGrant>> _normalizedBySpan;

    // (grant, a baseline action's grant array) → the baseline covers the grant.
    private readonly ConcurrentDictionary<(ResourceGrant Grant, ImmutableArray<ResourceGrant> Limits), bool> _covered = new(SameGrantAndLimits.Instance);

    public AccessMemo() => _normalizedBySpan = _normalized.GetAlternateLookup<ReadOnlySpan<ResourceGrant>>();

    /// <summary>The scope of both Incident Manager services (every principal's access), built once per audit.</summary>
    public AccessScope IncidentManagerScope(Catalog.IamCatalog catalog) =>
        _scopes.GetOrAdd(IncidentManagerKey, static (_, catalog) => AccessScope.Of(catalog, IncidentManager.Services), catalog);

    // The key Scope gives both services (already sorted and distinct), without joining them for every principal.
    private static readonly string IncidentManagerKey = string.Join(",", IncidentManager.Services);

    /// <summary>
    /// Whether a baseline's grants for an action cover a grant, once per grant object and baseline array: grants
    /// belong to statements, and a baseline gives most actions the same array.
    /// </summary>
    public bool Covered(ResourceGrant grant, ImmutableArray<ResourceGrant> limits, Func<ResourceGrant, ImmutableArray<ResourceGrant>, bool> compute) =>
        _covered.GetOrAdd((grant, limits), static (key, compute) => compute(key.Grant, key.Limits), compute);

    /// <summary>
    /// <see cref="GrantNormalization.Normalize"/> of a sequence of grants, once per sequence of the same grant objects:
    /// grants belong to statements, so the actions two documents grant together meet the same sequence, in every
    /// principal holding both — and share the result. The memo keeps its own copy of the sequence (callers reuse theirs).
    /// </summary>
    public ImmutableArray<ResourceGrant> Normalized(ReadOnlySpan<ResourceGrant> grants) =>
        _normalizedBySpan.TryGetValue(grants, out var known) ? known
            : _normalized.GetOrAdd(grants.ToArray(), static g => GrantNormalization.Normalize(g));

    /// <summary>The scope of these services, built once per audit (the catalogue never changes during one).</summary>
    public AccessScope Scope(Catalog.IamCatalog catalog, IReadOnlyCollection<string> services) =>
        _scopes.GetOrAdd(string.Join(",", services.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)), static (_, state) => AccessScope.Of(state.catalog, state.services), (catalog, services));

    // One audit, one catalogue (AuditMemo checks it): scopes are keyed by services alone.

    // Racing threads may compute the same value twice; both are equal and one is kept.
    public DocumentAccess Of(AccessScope scope, PolicyDocument document) =>
        _byDocument.GetOrAdd(scope.Key, static _ => new(ReferenceEqualityComparer.Instance))
            .GetOrAdd(document, static (d, s) => DocumentAccess.Of(s, d), scope);

    public EffectiveAccess Access(AccessScope scope, PolicySet policies, Func<EffectiveAccess> compute)
    {
        var key = (scope.Key, new PolicySetKey(policies));
        if (_bySet.TryGetValue(key, out var known))
            return known;
        return _bySet.GetOrAdd(key, compute());
    }

    // Sequences of the same grant objects in the same order.
    private sealed class SameGrants : IEqualityComparer<ResourceGrant[]>, IAlternateEqualityComparer<ReadOnlySpan<ResourceGrant>, ResourceGrant[]>
    {
        public static readonly SameGrants Instance = new();

        public bool Equals(ResourceGrant[]? x, ResourceGrant[]? y) => x is null || y is null ? ReferenceEquals(x, y) : Equals(x.AsSpan(), y);

        public bool Equals(ReadOnlySpan<ResourceGrant> x, ResourceGrant[] y)
        {
            if (x.Length != y.Length)
                return false;
            for (var i = 0; i < x.Length; i++)
            {
                if (!ReferenceEquals(x[i], y[i]))
                    return false;
            }
            return true;
        }

        public int GetHashCode(ResourceGrant[] grants) => GetHashCode(grants.AsSpan());

        public int GetHashCode(ReadOnlySpan<ResourceGrant> grants)
        {
            var hash = new HashCode();
            foreach (var grant in grants)
                hash.Add(RuntimeHelpers.GetHashCode(grant));
            return hash.ToHashCode();
        }

        public ResourceGrant[] Create(ReadOnlySpan<ResourceGrant> grants) => grants.ToArray();
    }

    // The grant by reference, the baseline's array by reference (ImmutableArray equality).
    private sealed class SameGrantAndLimits : IEqualityComparer<(ResourceGrant Grant, ImmutableArray<ResourceGrant> Limits)>
    {
        public static readonly SameGrantAndLimits Instance = new();

        public bool Equals((ResourceGrant Grant, ImmutableArray<ResourceGrant> Limits) x, (ResourceGrant Grant, ImmutableArray<ResourceGrant> Limits) y) =>
            ReferenceEquals(x.Grant, y.Grant) && x.Limits == y.Limits;

        public int GetHashCode((ResourceGrant Grant, ImmutableArray<ResourceGrant> Limits) key) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(key.Grant), key.Limits.IsDefault ? 0 : key.Limits.GetHashCode());
    }

    // Identity and boundary documents by reference, in order; resource policies are not part of effective access.
    private readonly struct PolicySetKey(PolicySet policies) : IEquatable<PolicySetKey>
    {
        private readonly IReadOnlyList<PolicyDocument> _identity = policies.Identity;
        private readonly IReadOnlyList<PolicyDocument>? _boundary = policies.PermissionsBoundary;

        public bool Equals(PolicySetKey other) => Same(_identity, other._identity) && Same(_boundary, other._boundary);

        public override bool Equals(object? obj) => obj is PolicySetKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var d in _identity)
                hash.Add(RuntimeHelpers.GetHashCode(d));
            hash.Add(_boundary?.Count ?? -1);
            foreach (var d in _boundary ?? [])
                hash.Add(RuntimeHelpers.GetHashCode(d));
            return hash.ToHashCode();
        }

        private static bool Same(IReadOnlyList<PolicyDocument>? a, IReadOnlyList<PolicyDocument>? b)
        {
            if (a is null || b is null)
                return a is null && b is null;
            if (a.Count != b.Count)
                return false;
            for (var i = 0; i < a.Count; i++)
            {
                if (!ReferenceEquals(a[i], b[i]))
                    return false;
            }
            return true;
        }
    }
}
