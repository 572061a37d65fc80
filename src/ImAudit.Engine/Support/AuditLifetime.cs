using System.Runtime.CompilerServices;

namespace ImAudit.Engine;

/// <summary>
/// The lifetime of the catalogue's memos keyed by what users write (<see cref="BoundedMemo{TKey, TValue}"/> in
/// <see cref="Catalog.CatalogMemo"/>: expansions of pattern texts, format matches). They serve every audit running at
/// the time — the accounts of one organization audit share them — and are emptied when the last running audit ends.
/// (What one audit alone remembers is its <see cref="AuditMemo"/>'s, and goes with it.) A warm process (the function's
/// container, auditing one account after another) so returns to where it started between runs instead of keeping
/// every account's patterns up to the memos' bounds (issue 14: 1.2 MB more after each run of a 900-principal account).
/// The price is recompiling the next run's patterns, a small part of a run.
/// </summary>
internal static class AuditLifetime
{
    // Weak: a memo owned by a catalogue goes with its catalogue.
    private static readonly ConditionalWeakTable<IMemo, object?> Memos = [];
    private static readonly Lock Gate = new();
    private static int _running;

    internal interface IMemo
    {
        void Clear();
    }

    public static void Register(IMemo memo) => Memos.AddOrUpdate(memo, null);

    /// <summary>An audit starts; disposing the scope ends it.</summary>
    public static Scope Begin()
    {
        lock (Gate)
            _running++;
        return new Scope();
    }

    private static void End()
    {
        lock (Gate)
        {
            if (--_running > 0)
                return;
            foreach (var (memo, _) in Memos)
                memo.Clear();
        }
    }

    internal readonly struct Scope : IDisposable
    {
        public void Dispose() => End();
    }
}
