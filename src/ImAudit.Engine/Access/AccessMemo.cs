using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Access;

/// <summary>
/// Access remembered for the length of one audit: what each policy document contributes over a scope (an account
/// attaches the same managed policies to thousands of principals), and the effective access of each distinct set
/// of documents (principals with the same attachments). Owned by the audit's context, never shared globally.
/// Documents are compared by reference: the audit parses each one once.
/// </summary>
internal sealed class AccessMemo
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<PolicyDocument, DocumentAccess>> _byDocument = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Scope, PolicySetKey Policies), EffectiveAccess> _bySet = new();
    private readonly ConcurrentDictionary<string, AccessScope> _scopes = new(StringComparer.Ordinal);
    private AccessScope? _incidentManager;

    /// <summary>The scope of both Incident Manager services (every principal's access), built once per audit.</summary>
    public AccessScope IncidentManagerScope(Catalog.IamCatalog catalog) => _incidentManager ??= Scope(catalog, AccessCalculator.IncidentManagerServices);
    private readonly ConcurrentDictionary<List<ResourceGrant>, ImmutableArray<ResourceGrant>> _normalized = new(SameGrants.Instance);
    private readonly ConcurrentDictionary<(ResourceGrant Grant, ImmutableArray<ResourceGrant> Limits), bool> _covered = new(SameGrantAndLimits.Instance);

    /// <summary>
    /// Whether a baseline's grants for an action cover a grant, once per grant object and baseline array: grants
    /// belong to statements, and a baseline gives most actions the same array.
    /// </summary>
    public bool Covered(ResourceGrant grant, ImmutableArray<ResourceGrant> limits, Func<ResourceGrant, ImmutableArray<ResourceGrant>, bool> compute) =>
        _covered.GetOrAdd((grant, limits), static (key, compute) => compute(key.Grant, key.Limits), compute);

    /// <summary>
    /// <see cref="GrantNormalization.Normalize"/> of a list of grants, once per list of the same grant objects: grants
    /// belong to statements, so the actions two documents grant together meet the same list, in every principal
    /// holding both — and share the result.
    /// </summary>
    public ImmutableArray<ResourceGrant> Normalized(List<ResourceGrant> grants) =>
        _normalized.TryGetValue(grants, out var known) ? known
            : _normalized.GetOrAdd([.. grants], static g => GrantNormalization.Normalize(g)); // the caller reuses its list

    /// <summary>The scope of these services, built once per audit (the catalogue never changes during one).</summary>
    public AccessScope Scope(Catalog.IamCatalog catalog, IReadOnlyCollection<string> services) =>
        _scopes.GetOrAdd(string.Join(",", services.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)), static (_, state) => AccessScope.Of(state.catalog, state.services), (catalog, services));

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

    // Lists of the same grant objects in the same order.
    private sealed class SameGrants : IEqualityComparer<List<ResourceGrant>>
    {
        public static readonly SameGrants Instance = new();

        public bool Equals(List<ResourceGrant>? x, List<ResourceGrant>? y)
        {
            if (x is null || y is null || x.Count != y.Count)
                return ReferenceEquals(x, y);
            for (var i = 0; i < x.Count; i++)
            {
                if (!ReferenceEquals(x[i], y[i]))
                    return false;
            }
            return true;
        }

        public int GetHashCode(List<ResourceGrant> grants)
        {
            var hash = new HashCode();
            foreach (var grant in grants)
                hash.Add(RuntimeHelpers.GetHashCode(grant));
            return hash.ToHashCode();
        }
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
