using System.Collections.Concurrent;
using ImAudit.Engine.Access;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;
using ImAudit.Engine.Rules.Validity;

namespace ImAudit.Engine.Rules;

/// <summary>
/// Everything one audit remembers, in one owner (in the rules' stage: it holds what rules ask and what they read
/// from the stages below): made when the audit starts (an account's
/// <see cref="AccountContext"/>, whose drift side shares it), reached by every rule through its context, and
/// dropped with the context. Nothing here outlives the audit or is seen by another, so nothing needs a bound or an
/// emptying: what the caches hold is derived from documents the audit keeps anyway. For one catalogue: what depends
/// on the catalogue alone is its own memo's (<see cref="CatalogMemo"/>). docs/engine.md ("Caches") lists each cache
/// with its key and invariant.
/// </summary>
internal sealed class AuditMemo(IamCatalog catalog)
{
    // Pattern text (ordinal) → why the action entry names no real action (IMA101–IMA104 and IMA203 ask alike).
    private readonly ConcurrentDictionary<string, ActionVerdict> _verdicts = new(StringComparer.Ordinal);

    // (the scopable actions' names joined, the account or null) → IMA304's message and details, which depend on them
    // and the catalogue only.
    private readonly ConcurrentDictionary<(string Actions, string? Account), (string Message, MapDetail Details)> _scopable = new();

    public IamCatalog Catalog { get; } = catalog;

    /// <summary>The audit's documents, each parsed once (same name, kind and text: same instance), and their patterns.</summary>
    public DocumentCache Documents { get; } = new();

    /// <summary>Effective access and its building blocks, keyed by the <see cref="Documents"/> instances.</summary>
    public AccessMemo Access { get; } = new();

    public ActionVerdict Verdict<TState>(string pattern, Func<string, TState, ActionVerdict> judge, TState state) => _verdicts.GetOrAdd(pattern, judge, state);

    public (string Message, MapDetail Details) ScopableMessage<TState>((string Actions, string? Account) key,
        Func<(string Actions, string? Account), TState, (string, MapDetail)> describe, TState state) =>
        _scopable.GetOrAdd(key, describe, state);
}
